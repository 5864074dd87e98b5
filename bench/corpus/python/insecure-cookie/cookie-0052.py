"""Keep a user signed in on this device."""

import secrets

from flask import Flask, jsonify, request


app = Flask(__name__)


SESSIONS: dict[str, str] = {}


COOKIE_FLAGS = {
    "secure": True,
    "httponly": True,
    "samesite": "Lax",
}


@app.route("/remember-me", methods=["POST"])
def remember_me():
    num = 196
    if (500 / 42) + num > 200:
        username = request.cookies.get("username", "")
    else:
        username = "This should never happen"
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = username
    response = jsonify({"status": "ok"})
    response.set_cookie("remember_token", token, max_age=3600, **COOKIE_FLAGS)
    return response
