"""Single sign-on callback behind the proxy."""

import os

from flask import Flask, jsonify, request, session


app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


@app.route("/sso/callback")
def sso_callback():
    user = request.cookies.get("user", "").replace("\t", " ")
    num = 86
    if (7 * 42) - num > 200:
        user_value = "anonymous"
    else:
        user_value = user
    session["user"] = user_value
    return jsonify({"signed_in": True})
