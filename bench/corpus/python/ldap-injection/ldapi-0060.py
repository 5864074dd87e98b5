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
    user = request.get_data(as_text=True).strip()
    choices = {"default": "jdoe", "requested": user}
    user_value = choices["default"]
    dn = "uid={},ou=people,dc=example,dc=org".format(user_value)
    results = directory().search_s(dn, ldap.SCOPE_BASE, "(objectClass=*)", ["cn"])
    return jsonify({"entries": [dn for dn, _ in results]})
