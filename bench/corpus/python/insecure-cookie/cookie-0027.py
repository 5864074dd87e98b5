"""Rotate the browser's access token."""

import secrets

from flask import Flask, jsonify, request


app = Flask(__name__)


SESSIONS: dict[str, str] = {}


@app.route("/auth/refresh", methods=["POST"])
def refresh_session():
    client = request.get_data(as_text=True)
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = client
    response = jsonify({"status": "ok"})
    response.set_cookie("access_token", token, max_age=3600, secure=True, httponly=True)
    return response
