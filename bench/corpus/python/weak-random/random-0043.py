"""Password reset links by e-mail."""

import random
import string

from flask import Flask, jsonify, request
from notifications import send_mail


app = Flask(__name__)


RESET_TOKENS: dict[str, str] = {}


def new_token() -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(32))


@app.route("/password/forgot", methods=["POST"])
def forgot_password():
    token = new_token()
    RESET_TOKENS[token] = request.form["email"]
    send_mail(request.form["email"], "Reset your password", "/reset/" + token)
    return jsonify({"status": "sent"})
