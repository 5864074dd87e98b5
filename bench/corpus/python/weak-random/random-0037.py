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
    code = new_code()
    PENDING_CODES[request.files["phone"].read().decode()] = code
    send_sms(request.files["phone"].read().decode(), code)
    return jsonify({"status": "sent"})
