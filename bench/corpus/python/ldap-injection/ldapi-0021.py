"""Active Directory account lookup for the help desk."""

import os

import ldap
from flask import Flask, jsonify, request


app = Flask(__name__)


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@app.route("/directory/account", methods=["POST"])
def account():
    account = request.json.get("account", "").strip()
    search_filter = "(sAMAccountName={})".format(account)
    results = directory().search_ext_s(
        "dc=corp,dc=example,dc=com", ldap.SCOPE_SUBTREE, search_filter, ["displayName"]
    )
    return jsonify({"entries": [dn for dn, _ in results]})
