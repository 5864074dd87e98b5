"""Parse a pipeline definition."""

import yaml
from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/pipelines/parse")
def parse_pipeline():
    pipeline = "stages: []"
    state = yaml.load(pipeline, Loader=yaml.UnsafeLoader)
    return jsonify({"keys": sorted(state)})
