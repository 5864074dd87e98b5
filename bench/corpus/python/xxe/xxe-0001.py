"""Import a product catalogue sent as XML."""

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


@app.route("/catalog/import", methods=["POST"])
def import_catalog():
    document = request.get_data()
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(document, parser)
    return jsonify({"items": len(root)})
