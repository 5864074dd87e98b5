"""E-mail address of a user of the XML user store."""

from fastapi import Cookie, FastAPI
from lxml import etree


app = FastAPI()


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.get("/users/email")
def user_email(name: str = Cookie("")):
    name = name.lower()
    query = "//user[name='%s']/email/text()" % name
    tree = etree.parse("data/users.xml", PARSER)
    emails = tree.xpath(query)
    return {"emails": [str(email) for email in emails]}
