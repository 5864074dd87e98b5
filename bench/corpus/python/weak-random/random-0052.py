"""One-time sign-in codes by SMS."""

import random

from flask import Flask, jsonify, request
from notifications import send_sms


app = Flask(__name__)


PENDING_CODES: dict[str, str] = {}


def new_code() -> str:
    rng = random.SystemRandom()
    return "%06d" % rng.randrange(10**6)


@app.route("/login/code", methods=["POST"])
def send_login_code():
    num = 196
    if (500 / 42) + num > 200:
        phone = request.values.get("phone", "")
    else:
        phone = "This should never happen"
    code = new_code()
    PENDING_CODES[phone] = code
    send_sms(phone, code)
    return jsonify({"status": "sent"})
