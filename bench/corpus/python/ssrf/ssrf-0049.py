"""Send a test event to a configured webhook."""

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/webhooks/test")
def test_webhook():
    response = requests.post(request.values.get("callback", ""), json={"event": "ping"}, timeout=10)
    return jsonify({"delivered": response.ok})
