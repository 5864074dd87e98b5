"""Find the account behind an e-mail address."""

import os

import ldap
from flask import Flask, jsonify, request


app = Flask(__name__)


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@app.route("/directory/mail")
def find_by_mail():
    mail = request.headers.get("X-Mail", "").replace("\t", " ")
    values = ["help@example.org", mail, "help@example.org"]
    values.pop(0)
    mail_value = values[1]
    search_filter = "(&(objectClass=person)(mail=" + mail_value + "))"
    results = directory().search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, search_filter, ["uid"])
    return jsonify({"entries": [dn for dn, _ in results]})
