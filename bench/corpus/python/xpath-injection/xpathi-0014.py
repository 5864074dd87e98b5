"""E-mail address of a user of the XML user store."""

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/users/email")
def user_email():
    name = request.cookies.get("name", "").replace("\t", " ")
    num = 86
    if (7 * 42) - num > 200:
        name_value = "alice"
    else:
        name_value = name
    query = "//user[name='" + name_value + "']/email/text()"
    tree = etree.parse("data/users.xml", PARSER)
    emails = tree.xpath(query)
    return jsonify({"emails": [str(email) for email in emails]})
