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
    values = ["1, 2, 3", job.ids, "1, 2, 3"]
    values.pop(0)
    ids_value = values[1]
    literal = "[%s]" % ids_value
    ids = eval(literal)
    return jsonify({"count": len(ids)})
