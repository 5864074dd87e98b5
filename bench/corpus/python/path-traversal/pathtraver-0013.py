"""Upload a document."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/documents/upload", methods=["POST"])
def upload_document():
    filename = request.files["document"].filename.lower()
    path = os.path.join("/srv/app/documents", filename)
    request.files["document"].save(path)
    return jsonify({"stored": True})
