"""Scrape a node exporter."""

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/metrics/scrape", methods=["POST"])
def scrape_metrics():
    node = request.form.get("node", "")
    url = "http://" + node + ":9100/metrics"
    with requests.Session() as http:
        response = http.get(url, timeout=5)
    return jsonify({"lines": len(response.text.splitlines())})
