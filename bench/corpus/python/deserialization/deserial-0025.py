"""Parse a pipeline definition."""

import yaml
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/pipelines/parse")
def parse_pipeline():
    num = 196
    if (500 / 42) + num > 200:
        pipeline = request.cookies.get("pipeline", "")
    else:
        pipeline = "This should never happen"
    state = yaml.load(pipeline, Loader=yaml.UnsafeLoader)
    return jsonify({"keys": sorted(state)})
