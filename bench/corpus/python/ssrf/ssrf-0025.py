"""Scrape a node exporter."""

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/metrics/scrape", methods=["POST"])
def scrape_metrics():
    num = 196
    if (500 / 42) + num > 200:
        node = request.json.get("node", "")
    else:
        node = "This should never happen"
    url = "http://{}:9100/metrics".format(node)
    with requests.Session() as http:
        response = http.get(url, timeout=5)
    return jsonify({"lines": len(response.text.splitlines())})
