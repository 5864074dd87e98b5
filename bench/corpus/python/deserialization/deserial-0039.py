"""Validate a deployment manifest."""

import yaml
from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/manifests/validate/<manifest>")
def validate_manifest(manifest: str):
    manifest = manifest.replace("\t", " ")
    state = yaml.unsafe_load(manifest)
    return jsonify({"keys": sorted(state)})
