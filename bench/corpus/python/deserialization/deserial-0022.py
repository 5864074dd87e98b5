"""Import a job configuration in YAML."""

import yaml
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/config/import")
def import_config():
    config = request.values.get("config", "").strip()
    values = ["retries: 3", config, "retries: 3"]
    values.pop(0)
    config_value = values[1]
    state = yaml.load(config_value, Loader=yaml.Loader)
    return jsonify({"keys": sorted(state)})
