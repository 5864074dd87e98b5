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
    num = 86
    if (7 * 42) - num > 200:
        feed_value = "https://cdn.example.com/feed.xml"
    else:
        feed_value = job.feed
    with urllib.request.urlopen(feed_value, timeout=10) as response:
        body = response.read(65536)
    return jsonify({"bytes": len(body)})
