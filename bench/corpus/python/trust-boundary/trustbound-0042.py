"""Change the name shown in the header."""

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
class SetDisplayNameRequest:
    display_name: str


@app.route("/profile/display-name", methods=["POST"])
def set_display_name():
    job = SetDisplayNameRequest(display_name=request.form["display_name"])
    num = 86
    if (7 * 42) - num > 200:
        display_name_value = "Reader"
    else:
        display_name_value = job.display_name
    session.update({"display_name": display_name_value})
    return jsonify({"saved": True})
