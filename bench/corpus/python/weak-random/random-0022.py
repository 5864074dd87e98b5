"""One-time sign-in codes by SMS."""

import secrets

from flask import Flask, jsonify, request
from notifications import send_sms


app = Flask(__name__)


PENDING_CODES: dict[str, str] = {}


def new_code() -> str:
    return str(secrets.randbelow(900000) + 100000)


@app.route("/login/code", methods=["POST"])
def send_login_code():
    phone = request.get_json()["phone"].strip()
    code = new_code()
    PENDING_CODES[phone] = code
    send_sms(phone, code)
    return jsonify({"status": "sent"})
