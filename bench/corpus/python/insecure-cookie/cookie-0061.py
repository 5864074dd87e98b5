"""Shop front with server-side carts in the session."""

import os

from flask import Flask, jsonify, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_SECURE=False,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


@app.route("/cart/clear", methods=["POST"])
def clear_cart():
    session["cart"] = []
    return jsonify({"items": 0})
