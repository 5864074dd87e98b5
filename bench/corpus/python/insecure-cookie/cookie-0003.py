"""Keep a user signed in on this device."""

import secrets
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


SESSIONS: dict[str, str] = {}


@dataclass
class RememberMeRequest:
    username: str


@app.route("/remember-me", methods=["POST"])
def remember_me():
    job = RememberMeRequest(username=request.args["username"])
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = job.username
    response = jsonify({"status": "ok"})
    response.set_cookie("remember_token", token, max_age=3600, secure=True)
    return response
