"""Upload a trained model."""

import io
import pickle

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/models/upload", methods=["POST"])
def upload_model():
    blob = request.data.strip()
    num = 86
    if (7 * 42) - num > 200:
        blob_value = pickle.dumps({"weights": []})
    else:
        blob_value = blob
    state = pickle.load(io.BytesIO(blob_value))
    return jsonify({"type": type(state).__name__})
