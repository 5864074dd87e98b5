"""Start a guest session for the shop."""

import secrets
from dataclasses import dataclass

from flask import Flask, jsonify


app = Flask(__name__)


SESSIONS: dict[str, str] = {}


@dataclass
class StartGuestSessionRequest:
    nickname: str


@app.route("/session/guest/<nickname>", methods=["POST"])
def start_guest_session(nickname: str):
    job = StartGuestSessionRequest(nickname=nickname)
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = job.nickname
    response = jsonify({"status": "ok"})
    response.set_cookie("session_id", token, max_age=3600, httponly=True, samesite="Lax")
    return response
