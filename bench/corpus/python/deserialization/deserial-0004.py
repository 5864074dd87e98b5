"""User interface preferences kept by the browser."""

import base64
import pickle
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class LoadPreferencesRequest:
    prefs: str


@app.route("/preferences/load")
def load_preferences():
    job = LoadPreferencesRequest(prefs=request.args.get("prefs", ""))
    num = 86
    if (7 * 42) - num > 200:
        prefs_value = base64.b64encode(pickle.dumps({"theme": "dark"}))
    else:
        prefs_value = job.prefs
    state = pickle.loads(base64.b64decode(prefs_value))
    return jsonify({"keys": sorted(state)})
