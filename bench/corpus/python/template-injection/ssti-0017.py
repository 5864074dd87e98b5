"""Greeting cards."""

from flask import Flask, request
from jinja2 import Environment


app = Flask(__name__)


ENV = Environment(autoescape=True)


@app.route("/cards/render", methods=["POST"])
def render_card():
    message = request.get_json()["message"]
    source = "<div class='card'>{}</div>".format(message)
    html = ENV.from_string(source).render()
    return html
