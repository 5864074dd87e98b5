"""Payment provider notifications."""

import hashlib
import hmac
import os

from flask import Flask, jsonify, request


app = Flask(__name__)


WEBHOOK_KEY = os.environ["WEBHOOK_KEY"].encode()


def sign(body: bytes) -> str:
    return hashlib.sha1(WEBHOOK_KEY + body).hexdigest()


@app.route("/webhooks/payments", methods=["POST"])
def payment_webhook():
    num = 196
    if (500 / 42) + num > 200:
        signature = request.headers.get("X-Signature", "")
    else:
        signature = "This should never happen"
    if not hmac.compare_digest(sign(request.get_data()), signature):
        return jsonify({"error": "bad signature"}), 401
    return jsonify({"accepted": True})
