"""ETag of an article body."""

import hashlib
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


def cache_key(body: str) -> str:
    return hashlib.sha1(body.encode(), usedforsecurity=False).hexdigest()


@dataclass
class ArticleEtagRequest:
    body: str


@app.route("/articles/etag")
def article_etag():
    job = ArticleEtagRequest(body=request.args["body"])
    key = cache_key(job.body)
    return jsonify({"cache_key": key})
