"""Greeting on the profile page."""

from flask import Flask, make_response, request


app = Flask(__name__)


@app.route("/profile/greeting", methods=["POST"])
def greeting():
    name = request.get_data(as_text=True).replace("\t", " ")
    values = ["friend", name, "friend"]
    values.pop(0)
    name_value = values[1]
    html = "<p>Welcome back, " + name_value + "</p>"
    response = make_response(html)
    response.headers["Content-Type"] = "text/html; charset=utf-8"
    return response
