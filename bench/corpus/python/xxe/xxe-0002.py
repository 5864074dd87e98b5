"""Import a product catalogue sent as XML."""

import defusedxml.ElementTree
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/catalog/import", methods=["POST"])
def import_catalog():
    document = request.get_data()
    root = defusedxml.ElementTree.fromstring(document)
    return jsonify({"items": len(root)})
