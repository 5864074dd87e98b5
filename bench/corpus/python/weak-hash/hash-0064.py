"""Checksum of an uploaded package manifest."""

import hashlib

from flask import Flask, jsonify, request


app = Flask(__name__)


def cache_key(content: str) -> str:
    return hashlib.sha256(content.encode()).hexdigest()


@app.route("/packages/checksum", methods=["POST"])
def package_checksum():
    content = request.form["content"].replace("\t", " ")
    key = cache_key(content)
    return jsonify({"cache_key": key})
