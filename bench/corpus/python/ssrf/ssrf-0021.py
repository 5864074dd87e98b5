"""Send a test event to a configured webhook."""

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/webhooks/test", methods=["POST"])
def test_webhook():
    callback = request.get_json()["callback"].strip()
    response = requests.post(callback, json={"event": "ping"}, timeout=10)
    return jsonify({"delivered": response.ok})
