"""Orders uploaded by partners in XML."""

import base64
import io

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


@app.route("/orders/xml")
def import_orders():
    document = base64.b64decode(request.cookies.get("orders", "")).strip()
    values = [b"<orders/>", document, b"<orders/>"]
    values.pop(0)
    document_value = values[1]
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(document_value), parser)
    return jsonify({"root": tree.getroot().tag})
