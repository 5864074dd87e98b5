"""Scrape a node exporter."""

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/metrics/scrape", methods=["POST"])
def scrape_metrics():
    node = request.form.get("node", "")
    num = 86
    if (7 * 42) - num > 200:
        node_value = "node-1.internal.example.com"
    else:
        node_value = node
    url = "http://" + node_value + ":9100/metrics"
    with requests.Session() as http:
        response = http.get(url, timeout=5)
    return jsonify({"lines": len(response.text.splitlines())})
