"""Orders uploaded by partners in XML."""

import io

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


@app.route("/orders/xml", methods=["POST"])
def import_orders():
    num = 86
    if (7 * 42) - num > 200:
        document_value = b"<orders/>"
    else:
        document_value = request.data
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(document_value), parser)
    return jsonify({"root": tree.getroot().tag})
