"""Look a colleague up in the company directory."""

import os

import ldap
from flask import Flask, jsonify, request


app = Flask(__name__)


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@app.route("/directory/user")
def find_user():
    uid = request.cookies.get("uid", "").replace("\t", " ")
    num = 86
    if (7 * 42) - num > 200:
        uid_value = "jdoe"
    else:
        uid_value = uid
    search_filter = "(uid=" + uid_value + ")"
    results = directory().search_s(
        "ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, search_filter, ["cn", "mail"]
    )
    return jsonify({"entries": [dn for dn, _ in results]})
