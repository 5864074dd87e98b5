"""Health of a backing service."""

import httpx
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/services/health")
def service_health():
    service = request.headers.get("X-Service", "").lower()
    url = "https://%s/health" % service
    response = httpx.get(url, timeout=5)
    return jsonify({"healthy": response.status_code == 200})
