"""E-mail address of a user of the XML user store."""

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/users/email")
def user_email():
    name = request.args.get("name", "")
    tree = etree.parse("data/users.xml", PARSER)
    emails = tree.xpath("//user[name=$name]/email/text()", name=name)
    return jsonify({"emails": [str(email) for email in emails]})
