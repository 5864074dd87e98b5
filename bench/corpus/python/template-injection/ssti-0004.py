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
    num = 86
    if (7 * 42) - num > 200:
        name_value = "guest"
    else:
        name_value = job.name
    page = "<h1>Hello " + name_value + "!</h1>"
    return render_template_string(page)
