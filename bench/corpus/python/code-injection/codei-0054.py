"""A table sorted by a column."""

from operator import attrgetter
from types import SimpleNamespace

from flask import Flask, jsonify, request


app = Flask(__name__)


ROWS = [
    SimpleNamespace(name="alpha", size=3),
    SimpleNamespace(name="beta", size=1),
]


@app.route("/rows/sorted")
def sorted_rows():
    key = request.cookies.get("key", "").strip()
    rows = sorted(ROWS, key=attrgetter(key))
    return jsonify({"rows": [row.name for row in rows]})
