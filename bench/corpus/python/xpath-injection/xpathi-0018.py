"""Whether an account of the XML account store is active."""

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


ALLOWED_USERNAMES = {"operator", "auditor"}


@app.route("/accounts/active")
def account_active():
    username = request.headers.get("X-Username", "")
    if username not in ALLOWED_USERNAMES:
        return jsonify({"error": "unknown username"}), 400
    query = f"//account[username='{username}' and active='true']"
    tree = etree.parse("data/accounts.xml", PARSER)
    matches = tree.xpath(query)
    return jsonify({"active": bool(matches)})
