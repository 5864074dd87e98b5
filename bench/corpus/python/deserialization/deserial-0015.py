"""Upload a trained model."""

import io
import pickle

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/models/upload", methods=["POST"])
def upload_model():
    values = [request.files["model"].read()]
    blob = values[0]
    state = pickle.load(io.BytesIO(blob))
    return jsonify({"type": type(state).__name__})
