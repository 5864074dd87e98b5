"""Scrape a node exporter."""

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/metrics/scrape")
def scrape_metrics():
    node = request.args.get("node", "").replace("\t", " ")
    url = "http://%s:9100/metrics" % node
    with requests.Session() as http:
        response = http.get(url, timeout=5)
    return jsonify({"lines": len(response.text.splitlines())})
