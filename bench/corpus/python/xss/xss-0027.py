"""Greeting on the profile page."""

from flask import Flask, make_response, request


app = Flask(__name__)


@app.route("/profile/greeting", methods=["POST"])
def greeting():
    name = request.files["name"].read().decode().strip()
    html = "<p>Welcome back, " + name + "</p>"
    response = make_response(html)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    return response
