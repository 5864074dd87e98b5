"""Restore a saved wizard state."""

import pickle

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/session/restore", methods=["POST"])
def restore_state():
    state = pickle.loads(request.stream.read())
    return jsonify({"keys": sorted(state)})
