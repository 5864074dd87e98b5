"""Cache key of a remote thumbnail."""

import hashlib
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


def cache_key(url: str) -> str:
    return hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()


@dataclass
class ThumbnailKeyRequest:
    url: str


@app.route("/thumbnails/key")
def thumbnail_key():
    job = ThumbnailKeyRequest(url=request.values.get("url", ""))
    key = cache_key(job.url)
    return jsonify({"cache_key": key})
