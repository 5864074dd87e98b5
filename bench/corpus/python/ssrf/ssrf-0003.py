"""Fetch an RSS feed to import."""

import urllib.request
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class FetchFeedRequest:
    feed: str


@app.route("/feeds/fetch")
def fetch_feed():
    job = FetchFeedRequest(feed=request.args["feed"])
    with urllib.request.urlopen(job.feed, timeout=10) as response:
        body = response.read(65536)
    return jsonify({"bytes": len(body)})
