"""Fetch an RSS feed to import."""

import urllib.request

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/feeds/fetch")
def fetch_feed():
    with urllib.request.urlopen(request.cookies.get("feed", ""), timeout=10) as response:
        body = response.read(65536)
    return jsonify({"bytes": len(body)})
