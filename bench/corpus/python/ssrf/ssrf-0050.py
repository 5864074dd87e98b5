"""Send a test event to a configured webhook."""

from urllib.parse import urlparse

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


TRUSTED_HOSTS = {"hooks.example.com"}


@app.route("/webhooks/test")
def test_webhook():
    if urlparse(request.values.get("callback", "")).hostname not in TRUSTED_HOSTS:
        return jsonify({"error": "host not allowed"}), 400
    response = requests.post(request.values.get("callback", ""), json={"event": "ping"}, timeout=10)
    return jsonify({"delivered": response.ok})
