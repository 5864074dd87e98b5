"""Greeting on the profile page."""

from flask import Flask, jsonify, make_response, request


app = Flask(__name__)


ALLOWED_NAMES = {"friend", "guest"}


@app.route("/profile/greeting", methods=["POST"])
def greeting():
    name = request.files["name"].read().decode().strip()
    if name not in ALLOWED_NAMES:
        return jsonify({"error": "unknown name"}), 400
    html = "<p>Welcome back, " + name + "</p>"
    response = make_response(html)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    return response
