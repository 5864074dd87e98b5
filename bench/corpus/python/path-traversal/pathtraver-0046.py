"""Upload a document."""

from pathlib import Path

from flask import Flask, jsonify, request
from werkzeug.utils import secure_filename


app = Flask(__name__)


@app.route("/documents/upload", methods=["POST"])
def upload_document():
    filename = request.files["document"].filename.lower()
    filename = secure_filename(filename)
    path = Path("/srv/app/documents") / filename
    request.files["document"].save(path)
    return jsonify({"stored": True})
