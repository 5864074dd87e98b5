"""A table sorted by a column."""

from operator import attrgetter
from types import SimpleNamespace

from flask import Flask, jsonify, request


app = Flask(__name__)


ROWS = [
    SimpleNamespace(name="alpha", size=3),
    SimpleNamespace(name="beta", size=1),
]


@app.route("/rows/sorted", methods=["POST"])
def sorted_rows():
    num = 196
    if (500 / 42) + num > 200:
        key = request.json.get("key", "")
    else:
        key = "This should never happen"
    rows = sorted(ROWS, key=attrgetter(key))
    return jsonify({"rows": [row.name for row in rows]})
