"""Payment provider notifications."""

import hashlib
import hmac
import os

from flask import Flask, jsonify, request


app = Flask(__name__)


WEBHOOK_KEY = os.environ["WEBHOOK_KEY"].encode()


def sign(body: bytes) -> str:
    return hmac.new(WEBHOOK_KEY, body, hashlib.sha256).hexdigest()


@app.route("/webhooks/payments", methods=["POST"])
def payment_webhook():
    signature = request.headers.get("X-Signature", "").lower()
    if not hmac.compare_digest(sign(request.get_data()), signature):
        return jsonify({"error": "bad signature"}), 401
    return jsonify({"accepted": True})
