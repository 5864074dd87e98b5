"""Members of a directory group."""

import os
import re

from fastapi import FastAPI, HTTPException
from ldap3 import Connection, Server


app = FastAPI()


SERVER = Server(os.environ["LDAP_HOST"], use_ssl=True)


def directory():
    return Connection(
        SERVER, os.environ["LDAP_BIND_DN"], os.environ["LDAP_BIND_PASSWORD"], auto_bind=True
    )


@app.get("/directory/group")
def group_members(group: str):
    values = [group]
    group = values[0]
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", group):
        raise HTTPException(status_code=400, detail="invalid group")
    search_filter = "(&(objectClass=groupOfNames)(cn={}))".format(group)
    conn = directory()
    conn.search("ou=groups,dc=example,dc=org", search_filter, attributes=["cn", "mail"])
    return {"entries": [entry.entry_dn for entry in conn.entries]}
