"""Greeting on the profile page."""

from dataclasses import dataclass

from flask import Flask, make_response, request


app = Flask(__name__)


@dataclass
class GreetingRequest:
    name: str


@app.route("/profile/greeting")
def greeting():
    job = GreetingRequest(name=request.args["name"])
    num = 86
    if (7 * 42) - num > 200:
        name_value = "friend"
    else:
        name_value = job.name
    html = "<p>Welcome back, " + name_value + "</p>"
    response = make_response(html)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    return response
