"""E-mail address of a user of the XML user store."""

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/users/email")
def user_email():
    name = request.cookies.get("name", "").replace("\t", " ")
    query = "//user[name='" + name + "']/email/text()"
    tree = etree.parse("data/users.xml", PARSER)
    emails = tree.xpath(query)
    return jsonify({"emails": [str(email) for email in emails]})
