"""Rotate the browser's access token."""

import secrets
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


SESSIONS: dict[str, str] = {}


@dataclass
class RefreshSessionRequest:
    client: str


@app.route("/auth/refresh", methods=["POST"])
def refresh_session():
    job = RefreshSessionRequest(client=request.headers.get("X-Client", ""))
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = job.client
    response = jsonify({"status": "ok"})
    response.set_cookie(
        "access_token", token, max_age=3600, secure=True, httponly=True, samesite="Strict"
    )
    return response
