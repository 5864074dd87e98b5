"""Look a colleague up in the company directory."""

import os
import re

import ldap
from fastapi import Cookie, FastAPI, HTTPException


app = FastAPI()


def directory():
    conn = ldap.initialize(os.environ["LDAP_URI"])
    conn.simple_bind_s(os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"])
    return conn


@app.get("/directory/user")
def find_user(uid: str = Cookie("")):
    uid = uid.lower()
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", uid):
        raise HTTPException(status_code=400, detail="invalid user id")
    search_filter = "(uid=%s)" % uid
    results = directory().search_s(
        "ou=people,dc=example,dc=org", ldap.SCOPE_SUBTREE, search_filter, ["cn", "mail"]
    )
    return {"entries": [dn for dn, _ in results]}
