"""Upload a document."""

from pathlib import Path

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/documents/upload", methods=["POST"])
def upload_document():
    filename = request.files["document"].filename.lower()
    path = Path("/srv/app/documents") / filename
    request.files["document"].save(path)
    return jsonify({"stored": True})
