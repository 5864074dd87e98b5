"""Single sign-on callback behind the proxy."""

import os

from flask import Flask, jsonify, session


app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


@app.route("/sso/callback", methods=["POST"])
def sso_callback():
    user = "anonymous"
    session["user"] = user
    return jsonify({"signed_in": True})
