"""Colour of a default avatar."""

import random

from flask import Flask, jsonify, request


app = Flask(__name__)


COLOURS = ["#e57373", "#64b5f6", "#81c784", "#ffb74d"]


def pick_colour() -> str:
    return random.choice(COLOURS)


@app.route("/avatars/colour")
def avatar_colour():
    name = request.headers.get("X-Name", "").lower()
    colour = pick_colour()
    return jsonify({"name": name, "colour": colour})
