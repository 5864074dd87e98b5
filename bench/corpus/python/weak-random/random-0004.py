"""Password reset links by e-mail."""

import secrets
import string
from dataclasses import dataclass

from flask import Flask, jsonify, request
from notifications import send_mail


app = Flask(__name__)


RESET_TOKENS: dict[str, str] = {}


def new_token() -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(32))


@dataclass
class ForgotPasswordRequest:
    email: str


@app.route("/password/forgot", methods=["POST"])
def forgot_password():
    job = ForgotPasswordRequest(email=request.args["email"])
    token = new_token()
    RESET_TOKENS[token] = job.email
    send_mail(job.email, "Reset your password", "/reset/" + token)
    return jsonify({"status": "sent"})
