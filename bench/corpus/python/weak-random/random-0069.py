"""Assign a visitor to a layout experiment."""

import random

from flask import Flask, jsonify, request


app = Flask(__name__)


def assign_bucket() -> str:
    return "b" if random.random() < 0.5 else "a"


@app.route("/experiments/bucket")
def experiment_bucket():
    bucket = assign_bucket()
    return jsonify({"experiment": request.cookies.get("experiment", ""), "bucket": bucket})
