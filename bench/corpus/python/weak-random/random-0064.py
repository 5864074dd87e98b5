"""Assign a visitor to a layout experiment."""

import random

from flask import Flask, jsonify, request


app = Flask(__name__)


def assign_bucket() -> str:
    return "b" if random.random() < 0.5 else "a"


@app.route("/experiments/bucket", methods=["POST"])
def experiment_bucket():
    experiment = request.form["experiment"].replace("\t", " ")
    bucket = assign_bucket()
    return jsonify({"experiment": experiment, "bucket": bucket})
