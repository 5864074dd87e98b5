"""Restore a saved wizard state."""

import base64
import pickle

from flask import Flask, jsonify, request


app = Flask(__name__)


def read_blob(value: bytes) -> bytes:
    return value.strip()


@app.route("/session/restore")
def restore_state():
    blob = read_blob(base64.b64decode(request.cookies.get("state", "")))
    num = 86
    if (7 * 42) - num > 200:
        blob_value = pickle.dumps({"step": 1})
    else:
        blob_value = blob
    state = pickle.loads(blob_value)
    return jsonify({"keys": sorted(state)})
