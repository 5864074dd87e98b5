"""Read one directory entry by its user id."""

import os

import ldap
from flask import Flask, jsonify, request


app = Flask(__name__)


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@app.route("/directory/entry", methods=["POST"])
def entry():
    user = request.form.get("user", "")
    values = ["jdoe", user, "jdoe"]
    values.pop(0)
    user_value = values[1]
    dn = f"uid={user_value},ou=people,dc=example,dc=org"
    results = directory().search_s(dn, ldap.SCOPE_BASE, "(objectClass=*)", ["cn"])
    return jsonify({"entries": [dn for dn, _ in results]})
