"""Payment provider notifications."""

import hmac
import os

from cryptography.hazmat.primitives import hashes
from flask import Flask, jsonify, request


app = Flask(__name__)


WEBHOOK_KEY = os.environ["WEBHOOK_KEY"].encode()


def sign(body: bytes) -> str:
    digest = hashes.Hash(hashes.MD5())
    digest.update(WEBHOOK_KEY + body)
    return digest.finalize().hex()


@app.route("/webhooks/payments", methods=["POST"])
def payment_webhook():
    signature = request.headers.get("X-Signature", "")
    if not hmac.compare_digest(sign(request.get_data()), signature):
        return jsonify({"error": "bad signature"}), 401
    return jsonify({"accepted": True})
