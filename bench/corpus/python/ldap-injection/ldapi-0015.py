"""Find the account behind an e-mail address."""

import os

import ldap
from fastapi import FastAPI, Query


app = FastAPI()


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


def normalise_mail(value: str) -> str:
    return value.strip()


@app.get("/directory/mail")
def find_by_mail(mail: str = Query("")):
    mail = normalise_mail(mail)
    search_filter = "(&(objectClass=person)(mail=" + mail + "))"
    results = directory().search_s("dc=example,dc=org", ldap.SCOPE_SUBTREE, search_filter, ["uid"])
    return {"entries": [dn for dn, _ in results]}
