"""Validate a deployment manifest."""

import yaml
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/manifests/validate")
def validate_manifest():
    manifest = request.args["manifest"].replace("\t", " ")
    values = ["name: demo", manifest, "name: demo"]
    values.pop(0)
    manifest_value = values[1]
    state = yaml.unsafe_load(manifest_value)
    return jsonify({"keys": sorted(state)})
