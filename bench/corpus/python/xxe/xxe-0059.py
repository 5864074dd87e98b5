"""Orders uploaded by partners in XML."""

import io

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


@app.route("/orders/xml", methods=["POST"])
def import_orders():
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(request.files["orders"].read()), parser)
    return jsonify({"root": tree.getroot().tag})
