"""Password reset links by e-mail."""

import random
from dataclasses import dataclass

from flask import Flask, jsonify, request
from notifications import send_mail


app = Flask(__name__)


RESET_TOKENS: dict[str, str] = {}


def new_token() -> str:
    return str(random.random())[2:]


@dataclass
class ForgotPasswordRequest:
    email: str


@app.route("/password/forgot", methods=["POST"])
def forgot_password():
    job = ForgotPasswordRequest(email=request.get_data(as_text=True))
    token = new_token()
    RESET_TOKENS[token] = job.email
    send_mail(job.email, "Reset your password", "/reset/" + token)
    return jsonify({"status": "sent"})
