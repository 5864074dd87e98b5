"""Restore a saved wizard state."""

import pickle

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/session/restore", methods=["POST"])
def restore_state():
    blob = request.get_data()
    state = pickle.loads(blob)
    return jsonify({"keys": sorted(state)})
