"""Open a shopping cart."""

import secrets

from flask import Flask, jsonify, request


app = Flask(__name__)


SESSIONS: dict[str, str] = {}


@app.route("/cart/new", methods=["POST"])
def new_cart():
    currency = request.files["currency"].read().decode().replace("\t", " ")
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = currency
    response = jsonify({"status": "ok"})
    response.set_cookie(
        "cart_session", token, max_age=3600, secure=True, httponly=True, samesite="Strict"
    )
    return response
