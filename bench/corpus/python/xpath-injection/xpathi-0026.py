"""E-mail address of a user of the XML user store."""

import re

from fastapi import Cookie, FastAPI, HTTPException
from lxml import etree


app = FastAPI()


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.get("/users/email")
def user_email(name: str = Cookie("")):
    name = name.lower()
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", name):
        raise HTTPException(status_code=400, detail="invalid name")
    query = "//user[name='%s']/email/text()" % name
    tree = etree.parse("data/users.xml", PARSER)
    emails = tree.xpath(query)
    return {"emails": [str(email) for email in emails]}
