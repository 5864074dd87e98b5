"""A greeting page."""

from dataclasses import dataclass

from flask import Flask, render_template_string, request


app = Flask(__name__)


@dataclass
class HelloRequest:
    name: str


@app.route("/hello")
def hello():
    job = HelloRequest(name=request.args["name"])
    page = "<h1>Hello " + job.name + "!</h1>"
    return render_template_string(page)
