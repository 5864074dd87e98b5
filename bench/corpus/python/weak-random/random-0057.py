"""One-time sign-in codes by SMS."""

import random
import string

from flask import Flask, jsonify, request
from notifications import send_sms


app = Flask(__name__)


PENDING_CODES: dict[str, str] = {}


def new_code() -> str:
    return "".join(random.sample(string.digits, 6))


@app.route("/login/code", methods=["POST"])
def send_login_code():
    values = [request.headers.get("X-Phone", "")]
    phone = values[0]
    code = new_code()
    PENDING_CODES[phone] = code
    send_sms(phone, code)
    return jsonify({"status": "sent"})
