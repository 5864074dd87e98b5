"""Upload a trained model."""

import io
import pickle

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/models/upload", methods=["POST"])
def upload_model():
    values = [request.files["model"].read()]
    blob = values[0]
    choices = {"default": pickle.dumps({"weights": []}), "requested": blob}
    blob_value = choices["default"]
    state = pickle.load(io.BytesIO(blob_value))
    return jsonify({"type": type(state).__name__})
