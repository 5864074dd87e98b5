"""Validate a deployment manifest."""

import yaml
from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/manifests/validate")
def validate_manifest():
    manifest = "name: demo"
    state = yaml.unsafe_load(manifest)
    return jsonify({"keys": sorted(state)})
