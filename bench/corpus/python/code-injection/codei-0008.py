"""Fetch a batch of items by id."""

from flask import Flask, jsonify, request


app = Flask(__name__)


ALLOWED_IDSS = {"1", "1, 2"}


@app.route("/items/batch", methods=["POST"])
def batch_items():
    ids = request.form["ids"].replace("\t", " ")
    if ids not in ALLOWED_IDSS:
        return jsonify({"error": "unknown ids"}), 400
    literal = "[" + ids + "]"
    ids = eval(literal)
    return jsonify({"count": len(ids)})
