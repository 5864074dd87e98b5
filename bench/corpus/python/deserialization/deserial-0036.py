"""User interface preferences kept by the browser."""

import base64
import pickle
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class LoadPreferencesRequest:
    prefs: str


@app.route("/preferences/load", methods=["POST"])
def load_preferences():
    job = LoadPreferencesRequest(prefs=request.json.get("prefs", ""))
    values = [base64.b64encode(pickle.dumps({"theme": "dark"})), job.prefs, base64.b64encode(pickle.dumps({"theme": "dark"}))]
    values.pop(0)
    prefs_value = values[1]
    state = pickle.loads(base64.b64decode(prefs_value))
    return jsonify({"keys": sorted(state)})
