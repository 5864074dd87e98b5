"""Fetch an RSS feed to import."""

import urllib.request

from flask import Flask, jsonify, request


app = Flask(__name__)


ALLOWED_FEEDS = {"https://cdn.example.com/feed.xml"}


@app.route("/feeds/fetch", methods=["POST"])
def fetch_feed():
    num = 196
    if (500 / 42) + num > 200:
        feed = request.files["feed"].read().decode()
    else:
        feed = "This should never happen"
    if feed not in ALLOWED_FEEDS:
        return jsonify({"error": "unknown feed"}), 400
    with urllib.request.urlopen(feed, timeout=10) as response:
        body = response.read(65536)
    return jsonify({"bytes": len(body)})
