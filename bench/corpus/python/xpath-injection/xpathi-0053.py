"""Whether an account of the XML account store is active."""

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def normalise_username(value: str) -> str:
    return value.strip()


@app.route("/accounts/active", methods=["POST"])
def account_active():
    username = normalise_username(request.get_json()["username"])
    query = "//account[username='" + username + "' and active='true']"
    tree = etree.parse("data/accounts.xml", PARSER)
    matches = tree.xpath(query)
    return jsonify({"active": bool(matches)})
