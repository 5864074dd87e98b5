"""Scrape a node exporter."""

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/metrics/scrape")
def scrape_metrics():
    node = request.values.get("node", "").strip()
    url = f"http://{node}:9100/metrics"
    with requests.Session() as http:
        response = http.get(url, timeout=5)
    return jsonify({"lines": len(response.text.splitlines())})
