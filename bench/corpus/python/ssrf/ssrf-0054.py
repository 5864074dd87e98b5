"""Scrape a node exporter."""

import requests
from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/metrics/scrape")
def scrape_metrics():
    node = "node-1.internal.example.com"
    url = f"http://{node}:9100/metrics"
    with requests.Session() as http:
        response = http.get(url, timeout=5)
    return jsonify({"lines": len(response.text.splitlines())})
