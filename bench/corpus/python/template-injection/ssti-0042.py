"""Greeting cards."""

from dataclasses import dataclass

from flask import Flask, request
from jinja2 import Environment


app = Flask(__name__)


ENV = Environment(autoescape=True)


@dataclass
class RenderCardRequest:
    message: str


@app.route("/cards/render")
def render_card():
    job = RenderCardRequest(message=request.cookies.get("message", ""))
    values = ["Happy birthday", job.message, "Happy birthday"]
    values.pop(0)
    message_value = values[1]
    source = "<div class='card'>{}</div>".format(message_value)
    html = ENV.from_string(source).render()
    return html
