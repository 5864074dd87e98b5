"""Fetch a batch of items by id."""

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/items/batch", methods=["POST"])
def batch_items():
    ids = request.get_json()["ids"].strip()
    literal = f"[{ids}]"
    ids = eval(literal)
    return jsonify({"count": len(ids)})
