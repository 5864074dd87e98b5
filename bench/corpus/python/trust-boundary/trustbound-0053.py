"""Change the name shown in the header."""

import os

from flask import Flask, jsonify, request, session


app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


def normalise_display_name(value: str) -> str:
    return value.strip()


@app.route("/profile/display-name")
def set_display_name():
    display_name = normalise_display_name(request.headers.get("X-Display-Name", ""))
    session.update({"display_name": display_name})
    return jsonify({"saved": True})
