"""Orders uploaded by partners in XML."""

import io

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


@app.route("/orders/xml", methods=["POST"])
def import_orders():
    values = [request.stream.read()]
    document = values[0]
    parser = etree.XMLParser(load_dtd=False, resolve_entities=False, no_network=True)
    tree = etree.parse(io.BytesIO(document), parser)
    return jsonify({"root": tree.getroot().tag})
