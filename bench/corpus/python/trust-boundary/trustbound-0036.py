"""Enable a filter of the inbox."""

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
class EnableFilterRequest:
    name: str


@app.route("/filters/enable", methods=["POST"])
def enable_filter():
    job = EnableFilterRequest(name=request.files["filter"].read().decode())
    values = ["unread", job.name, "unread"]
    values.pop(0)
    name_value = values[1]
    key = "filter_" + name_value
    session[key] = True
    return jsonify({"enabled": True})
