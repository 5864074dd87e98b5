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


@app.route("/sso/callback")
def sso_callback():
    job = SsoCallbackRequest(user=request.args["user"])
    session["user"] = job.user
    return jsonify({"signed_in": True})
