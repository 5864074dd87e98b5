"""Validate a deployment manifest."""

import yaml
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/manifests/validate")
def validate_manifest():
    manifest = request.args["manifest"].replace("\t", " ")
    state = yaml.unsafe_load(manifest)
    return jsonify({"keys": sorted(state)})
