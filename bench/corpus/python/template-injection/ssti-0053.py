"""Greeting cards."""

from flask import Flask, request
from jinja2 import Environment


app = Flask(__name__)


ENV = Environment(autoescape=True)


def normalise_message(value: str) -> str:
    return value.strip()


@app.route("/cards/render", methods=["POST"])
def render_card():
    message = normalise_message(request.get_data(as_text=True))
    source = "<div class='card'>{}</div>".format(message)
    html = ENV.from_string(source).render()
    return html
