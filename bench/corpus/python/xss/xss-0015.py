"""Greeting on the profile page."""

from flask import Flask, make_response, request


app = Flask(__name__)


def normalise_name(value: str) -> str:
    return value.strip()


@app.route("/profile/greeting", methods=["POST"])
def greeting():
    name = normalise_name(request.get_json()["name"])
    html = "<p>Welcome back, " + name + "</p>"
    response = make_response(html)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    return response
