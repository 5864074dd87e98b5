"""Fetch an RSS feed to import."""

import urllib.request

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/feeds/fetch", methods=["POST"])
def fetch_feed():
    feed = request.form.get("feed", "").replace("\t", " ")
    with urllib.request.urlopen(feed, timeout=10) as response:
        body = response.read(65536)
    return jsonify({"bytes": len(body)})
