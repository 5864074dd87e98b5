import base64
import json
import pickle

import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/restore", methods=["POST"])
def restore():
    blob = base64.b64decode(request.form["state"])
    # ruleid: python.unsafe-deserialization
    state = pickle.loads(blob)
    # ok: python.unsafe-deserialization
    data = json.loads(request.get_data())
    # ruleid: python.unsafe-deserialization
    config = yaml.load(request.files["config"].read(), Loader=yaml.Loader)
    # ok: python.unsafe-deserialization
    settings = yaml.safe_load(request.files["config"].read())
    # ok: python.unsafe-deserialization
    more = yaml.load(request.get_data(), Loader=yaml.SafeLoader)
    with open("cache.pkl", "rb") as handle:
        # ok: python.unsafe-deserialization
        cached = pickle.load(handle)
    return str((state, data, config, settings, more, cached))
