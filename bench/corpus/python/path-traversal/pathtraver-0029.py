"""Upload a document."""

from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class UploadDocumentRequest:
    filename: str


@app.route("/documents/upload", methods=["POST"])
def upload_document():
    job = UploadDocumentRequest(filename=request.files["document"].filename)
    path = "/srv/app/documents/{}".format(job.filename)
    request.files["document"].save(path)
    return jsonify({"stored": True})
