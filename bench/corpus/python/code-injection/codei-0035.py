"""Fetch a batch of items by id."""

from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class BatchItemsRequest:
    ids: str


@app.route("/items/batch", methods=["POST"])
def batch_items():
    job = BatchItemsRequest(ids=request.files["ids"].read().decode())
    literal = "[%s]" % job.ids
    ids = eval(literal)
    return jsonify({"count": len(ids)})
