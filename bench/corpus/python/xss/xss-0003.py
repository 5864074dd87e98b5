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
    html = "<p>Welcome back, " + job.name + "</p>"
    response = make_response(html)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    return response
