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
    state = pickle.loads(base64.b64decode(job.prefs))
    return jsonify({"keys": sorted(state)})
