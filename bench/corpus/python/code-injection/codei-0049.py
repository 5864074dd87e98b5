"""Fetch a batch of items by id."""

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/items/batch")
def batch_items():
    ids = request.values.get("ids", "")
    literal = "[{}]".format(ids)
    ids = eval(literal)
    return jsonify({"count": len(ids)})
