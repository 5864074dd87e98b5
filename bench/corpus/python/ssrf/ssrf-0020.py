"""Health of a backing service."""

import httpx
from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/services/health")
def service_health():
    service = "billing.internal.example.com"
    url = "https://%s/health" % service
    response = httpx.get(url, timeout=5)
    return jsonify({"healthy": response.status_code == 200})
