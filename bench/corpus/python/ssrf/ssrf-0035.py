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
    response = requests.post(job.callback, json={"event": "ping"}, timeout=10)
    return jsonify({"delivered": response.ok})
