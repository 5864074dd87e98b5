"""Active Directory account lookup for the help desk."""

import os

import ldap
from fastapi import FastAPI
from ldap.filter import escape_filter_chars


app = FastAPI()


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


def normalise_account(value: str) -> str:
    return value.strip()


@app.get("/directory/account")
def account(account: str):
    account = normalise_account(account)
    account = escape_filter_chars(account)
    search_filter = "(sAMAccountName=" + account + ")"
    results = directory().search_ext_s(
        "dc=corp,dc=example,dc=com", ldap.SCOPE_SUBTREE, search_filter, ["displayName"]
    )
    return {"entries": [dn for dn, _ in results]}
