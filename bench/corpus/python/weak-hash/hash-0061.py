"""Cache key of a remote thumbnail."""

import hashlib

from flask import Flask, jsonify, request


app = Flask(__name__)


def cache_key(url: str) -> str:
    return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


@app.route("/thumbnails/key")
def thumbnail_key():
    url = request.args.get("url", "")
    key = cache_key(url)
    return jsonify({"cache_key": key})
