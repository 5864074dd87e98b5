"""Whether an account of the XML account store is active."""

from dataclasses import dataclass

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass
class AccountActiveRequest:
    username: str


@app.route("/accounts/active", methods=["POST"])
def account_active():
    job = AccountActiveRequest(username=request.form.get("username", ""))
    query = "//account[username='%s' and active='true']" % job.username
    tree = etree.parse("data/accounts.xml", PARSER)
    matches = tree.xpath(query)
    return jsonify({"active": bool(matches)})
