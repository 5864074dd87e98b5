"""Read one directory entry by its user id."""

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
class EntryRequest:
    user: str


@app.route("/directory/entry")
def entry():
    job = EntryRequest(user=request.args.get("user", ""))
    dn = "uid=%s,ou=people,dc=example,dc=org" % job.user
    results = directory().search_s(dn, ldap.SCOPE_BASE, "(objectClass=*)", ["cn"])
    return jsonify({"entries": [dn for dn, _ in results]})
