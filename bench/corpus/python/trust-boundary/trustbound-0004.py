"""Single sign-on callback behind the proxy."""

import os
from dataclasses import dataclass

from flask import Flask, jsonify, request, session


app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


@dataclass
class SsoCallbackRequest:
    user: str


ALLOWED_USERS = {"anonymous", "guest"}


@app.route("/sso/callback")
def sso_callback():
    job = SsoCallbackRequest(user=request.args["user"])
    if job.user not in ALLOWED_USERS:
        return jsonify({"error": "unknown user"}), 400
    session["user"] = job.user
    return jsonify({"signed_in": True})
