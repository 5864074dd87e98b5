"""E-mail address of a user of the XML user store."""

from fastapi import FastAPI, Query
from lxml import etree


app = FastAPI()


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.get("/users/email")
def user_email(name: str = Query("")):
    values = [name]
    name = values[0]
    query = "//user[name='{}']/email/text()".format(name)
    tree = etree.parse("data/users.xml", PARSER)
    emails = tree.xpath(query)
    return {"emails": [str(email) for email in emails]}
