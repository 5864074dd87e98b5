"""Send a test event to a configured webhook."""

from dataclasses import dataclass

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class TestWebhookRequest:
    callback: str


@app.route("/webhooks/test")
def test_webhook():
    job = TestWebhookRequest(callback=request.args.get("callback", ""))
    values = ["https://hooks.example.com/ping", job.callback, "https://hooks.example.com/ping"]
    values.pop(0)
    callback_value = values[1]
    response = requests.post(callback_value, json={"event": "ping"}, timeout=10)
    return jsonify({"delivered": response.ok})
