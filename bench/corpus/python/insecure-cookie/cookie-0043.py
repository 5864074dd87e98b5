"""Keep a user signed in on this device."""

import secrets

from flask import Flask, jsonify, request


app = Flask(__name__)


SESSIONS: dict[str, str] = {}


@app.route("/remember-me", methods=["POST"])
def remember_me():
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = request.form.get("username", "")
    response = jsonify({"status": "ok"})
    response.set_cookie("remember_token", token, max_age=3600, secure=True)
    return response
