"""Change the name shown in the header."""

import os

from flask import Flask, jsonify, session


app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


@app.route("/profile/display-name")
def set_display_name():
    display_name = "Reader"
    session.update({"display_name": display_name})
    return jsonify({"saved": True})
