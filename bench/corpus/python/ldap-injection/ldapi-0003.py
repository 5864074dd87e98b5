"""Find the account behind an e-mail address."""

import os
from dataclasses import dataclass

import ldap
from flask import Flask, jsonify, request


app = Flask(__name__)


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@dataclass
class FindByMailRequest:
    mail: str


@app.route("/directory/mail")
def find_by_mail():
    job = FindByMailRequest(mail=request.args["mail"])
    search_filter = "(&(objectClass=person)(mail=%s))" % job.mail
    results = directory().search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, search_filter, ["uid"])
    return jsonify({"entries": [dn for dn, _ in results]})
