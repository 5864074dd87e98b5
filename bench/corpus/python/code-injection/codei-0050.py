"""Fetch a batch of items by id."""

import json

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/items/batch")
def batch_items():
    ids = request.values.get("ids", "")
    ids = json.loads("[" + ids + "]")
    return jsonify({"count": len(ids)})
