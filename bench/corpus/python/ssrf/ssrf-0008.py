"""Send a test event to a configured webhook."""

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


ALLOWED_CALLBACKS = {"https://hooks.example.com/ping"}


@app.route("/webhooks/test", methods=["POST"])
def test_webhook():
    callback = request.form["callback"].replace("\t", " ")
    if callback not in ALLOWED_CALLBACKS:
        return jsonify({"error": "unknown callback"}), 400
    response = requests.post(callback, json={"event": "ping"}, timeout=10)
    return jsonify({"delivered": response.ok})
