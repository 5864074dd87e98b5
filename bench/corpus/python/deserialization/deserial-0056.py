"""Validate a deployment manifest."""

import yaml
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/manifests/validate")
def validate_manifest():
    options = {"manifest": request.args["manifest"], "verbose": False}
    manifest = options["manifest"]
    state = yaml.safe_load(manifest)
    return jsonify({"keys": sorted(state)})
