"""Import a job configuration in YAML."""

import yaml
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/config/import")
def import_config():
    config = request.values.get("config", "").strip()
    state = yaml.load(config, Loader=yaml.Loader)
    return jsonify({"keys": sorted(state)})
