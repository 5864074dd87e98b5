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
    source = "<div class='card'>{}</div>".format(job.message)
    html = ENV.from_string(source).render()
    return html
