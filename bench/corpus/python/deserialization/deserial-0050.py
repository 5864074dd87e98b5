"""Restore a saved wizard state."""

import pickle

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/session/restore", methods=["POST"])
def restore_state():
    values = [pickle.dumps({"step": 1}), request.stream.read(), pickle.dumps({"step": 1})]
    values.pop(0)
    blob_value = values[1]
    state = pickle.loads(blob_value)
    return jsonify({"keys": sorted(state)})
