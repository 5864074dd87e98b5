"""Password reset links by e-mail."""

import uuid

from flask import Flask, jsonify
from notifications import send_mail


app = Flask(__name__)


RESET_TOKENS: dict[str, str] = {}


def new_token() -> str:
    return uuid.uuid4().hex


@app.route("/password/forgot/<email>", methods=["POST"])
def forgot_password(email: str):
    email = email.replace("\t", " ")
    token = new_token()
    RESET_TOKENS[token] = email
    send_mail(email, "Reset your password", "/reset/" + token)
    return jsonify({"status": "sent"})
