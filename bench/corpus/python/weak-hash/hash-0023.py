"""Signed download links for shared files."""

import hashlib
import os
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


LINK_KEY = os.environ["DOWNLOAD_LINK_KEY"]


def sign_link(file_id: str) -> str:
    return hashlib.md5(f"{LINK_KEY}:{file_id}".encode()).hexdigest()


@dataclass
class DownloadLinkRequest:
    file_id: str


@app.route("/files/link", methods=["POST"])
def download_link():
    job = DownloadLinkRequest(file_id=request.get_json()["file_id"])
    token = sign_link(job.file_id)
    return jsonify({"url": "/files/" + job.file_id + "?token=" + token})
