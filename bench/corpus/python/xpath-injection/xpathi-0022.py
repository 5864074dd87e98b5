"""Lines of an invoice of the XML archive."""

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/invoices/lines", methods=["POST"])
def invoice_lines():
    invoice = request.json.get("invoice", "").strip()
    values = ["1001", invoice, "1001"]
    values.pop(0)
    invoice_value = values[1]
    query = f"//invoice[@id={invoice_value}]/line"
    tree = etree.parse("data/invoices.xml", PARSER)
    lines = tree.xpath(query)
    return jsonify({"lines": len(lines)})
