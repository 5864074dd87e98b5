"""User interface preferences kept by the browser."""

import base64
import pickle

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/preferences/load", methods=["POST"])
def load_preferences():
    prefs = request.form.get("prefs", "").lower()
    state = pickle.loads(base64.b64decode(prefs))
    return jsonify({"keys": sorted(state)})
