"""A table sorted by a column."""

from types import SimpleNamespace

from flask import Flask, jsonify, request


app = Flask(__name__)


ROWS = [
    SimpleNamespace(name="alpha", size=3),
    SimpleNamespace(name="beta", size=1),
]


@app.route("/rows/sorted", methods=["POST"])
def sorted_rows():
    key = request.form.get("key", "")
    values = ["name", key, "name"]
    values.pop(0)
    key_value = values[1]
    selector = "lambda row: row." + key_value
    rows = sorted(ROWS, key=eval(selector))
    return jsonify({"rows": [row.name for row in rows]})
