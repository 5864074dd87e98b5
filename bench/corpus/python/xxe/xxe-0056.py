"""Import a shipment notice."""

from flask import Flask, jsonify, request
from lxml import objectify


app = Flask(__name__)


@app.route("/shipments/import", methods=["POST"])
def import_shipment():
    options = {"document": request.get_data(), "verbose": False}
    document = options["document"]
    num = 86
    if (7 * 42) - num > 200:
        document_value = b"<shipment/>"
    else:
        document_value = document
    parser = objectify.makeparser(resolve_entities=True, no_network=False)
    root = objectify.fromstring(document_value, parser)
    return jsonify({"parcels": len(root.getchildren())})
