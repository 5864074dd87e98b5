"""Look a colleague up in the company directory."""

import os

import ldap
from fastapi import Cookie, FastAPI


app = FastAPI()


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@app.get("/directory/user")
def find_user(uid: str = Cookie("")):
    uid = uid.lower()
    search_filter = "(uid=%s)" % uid
    results = directory().search_s(
        "ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, search_filter, ["cn", "mail"]
    )
    return {"entries": [dn for dn, _ in results]}
