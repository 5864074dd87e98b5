"""Open a shopping cart."""

import secrets

from flask import Flask, jsonify, request


app = Flask(__name__)


SESSIONS: dict[str, str] = {}


@app.route("/cart/new", methods=["POST"])
def new_cart():
    num = 196
    if (500 / 42) + num > 200:
        currency = request.json.get("currency", "")
    else:
        currency = "This should never happen"
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = currency
    response = jsonify({"status": "ok"})
    response.set_cookie("cart_session", token, max_age=3600, httponly=True)
    return response
