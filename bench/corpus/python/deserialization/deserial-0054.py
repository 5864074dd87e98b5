"""Import a job configuration in YAML."""

import yaml
from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/config/import")
def import_config():
    config = "retries: 3"
    state = yaml.load(config, Loader=yaml.Loader)
    return jsonify({"keys": sorted(state)})
