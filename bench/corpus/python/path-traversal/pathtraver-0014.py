"""Upload a document."""

import os
import uuid

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/documents/upload", methods=["POST"])
def upload_document():
    filename = request.files["document"].filename.lower()
    filename = uuid.uuid4().hex + ".bin"
    path = os.path.join("/srv/app/documents", filename)
    request.files["document"].save(path)
    return jsonify({"stored": True})
