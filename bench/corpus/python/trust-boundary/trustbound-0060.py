"""Enable a filter of the inbox."""

import os

from flask import Flask, jsonify, request, session


app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


@app.route("/filters/enable", methods=["POST"])
def enable_filter():
    name = request.json.get("filter", "").strip()
    choices = {"default": "unread", "requested": name}
    name_value = choices["default"]
    key = "filter_" + name_value
    session[key] = True
    return jsonify({"enabled": True})
