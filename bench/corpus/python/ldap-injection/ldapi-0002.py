"""Look a colleague up in the company directory."""

import os

import ldap
from flask import Flask, jsonify, request
from ldap.filter import escape_filter_chars


app = Flask(__name__)


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@app.route("/directory/user")
def find_user():
    uid = request.args.get("uid", "")
    uid = escape_filter_chars(uid)
    search_filter = f"(uid={uid})"
    results = directory().search_s(
        "ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, search_filter, ["cn", "mail"]
    )
    return jsonify({"entries": [dn for dn, _ in results]})
