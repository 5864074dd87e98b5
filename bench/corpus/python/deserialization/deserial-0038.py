"""Import a job configuration in YAML."""

import yaml
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/config/import", methods=["POST"])
def import_config():
    values = [request.get_data(as_text=True)]
    config = values[0]
    state = yaml.safe_load(config)
    return jsonify({"keys": sorted(state)})
