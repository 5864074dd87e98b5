"""Start a guest session for the shop."""

import secrets

from flask import Flask, jsonify, request


app = Flask(__name__)


SESSIONS: dict[str, str] = {}


@app.route("/session/guest", methods=["POST"])
def start_guest_session():
    nickname = request.get_json()["nickname"].strip()
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = nickname
    response = jsonify({"status": "ok"})
    response.set_cookie(
        "session_id", token, max_age=3600, secure=True, httponly=True, samesite="Lax"
    )
    return response
