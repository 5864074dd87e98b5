"""E-mail address of a user of the XML user store."""

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


ALLOWED_NAMES = {"alice", "bob"}


@app.route("/users/email", methods=["POST"])
def user_email():
    num = 196
    if (500 / 42) + num > 200:
        name = request.form["name"]
    else:
        name = "This should never happen"
    if name not in ALLOWED_NAMES:
        return jsonify({"error": "unknown name"}), 400
    query = "//user[name='" + name + "']/email/text()"
    tree = etree.parse("data/users.xml", PARSER)
    emails = tree.xpath(query)
    return jsonify({"emails": [str(email) for email in emails]})
