"""Scrape a node exporter."""

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/metrics/scrape")
def scrape_metrics():
    node = request.args.get("node", "").replace("\t", " ")
    values = ["node-1.internal.example.com", node, "node-1.internal.example.com"]
    values.pop(0)
    node_value = values[1]
    url = "http://%s:9100/metrics" % node_value
    with requests.Session() as http:
        response = http.get(url, timeout=5)
    return jsonify({"lines": len(response.text.splitlines())})
