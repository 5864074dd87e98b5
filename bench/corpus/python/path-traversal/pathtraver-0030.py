"""Upload a document."""

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/documents/upload", methods=["POST"])
def upload_document():
    filename = "upload.bin"
    path = "/srv/app/documents/{}".format(filename)
    request.files["document"].save(path)
    return jsonify({"stored": True})
