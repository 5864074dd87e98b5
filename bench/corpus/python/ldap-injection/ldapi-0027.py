"""Find the account behind an e-mail address."""

import os

import ldap
from flask import Flask, jsonify


app = Flask(__name__)


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@app.route("/directory/mail/<mail>")
def find_by_mail(mail: str):
    mail = mail.strip()
    search_filter = "(&(objectClass=person)(mail={}))".format(mail)
    results = directory().search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, search_filter, ["uid"])
    return jsonify({"entries": [dn for dn, _ in results]})
