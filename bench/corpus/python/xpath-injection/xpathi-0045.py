"""Lines of an invoice of the XML archive."""

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/invoices/lines")
def invoice_lines():
    invoice = request.values.get("invoice", "").replace("\t", " ")
    query = "//invoice[@id=%s]/line" % invoice
    tree = etree.parse("data/invoices.xml", PARSER)
    lines = tree.xpath(query)
    return jsonify({"lines": len(lines)})
