"""Storage shard of an upload."""

import hashlib

from flask import Flask, jsonify, request


app = Flask(__name__)


def shard_of(name: str) -> int:
    digest = hashlib.md5(name.encode(), usedforsecurity=False).digest()
    return digest[0] % 16


@app.route("/uploads/shard")
def upload_shard():
    name = request.cookies.get("name", "").replace("\t", " ")
    shard = shard_of(name)
    return jsonify({"shard": shard})
