"""Greeting cards."""

from flask import Flask, jsonify, request
from jinja2 import Environment


app = Flask(__name__)


ENV = Environment(autoescape=True)


ALLOWED_MESSAGES = {"Happy birthday", "Congratulations"}


@app.route("/cards/render", methods=["POST"])
def render_card():
    message = request.get_json()["message"]
    if message not in ALLOWED_MESSAGES:
        return jsonify({"error": "unknown message"}), 400
    source = "<div class='card'>{}</div>".format(message)
    html = ENV.from_string(source).render()
    return html
