"""Upload a trained model."""

import io
import pickle

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/models/upload", methods=["POST"])
def upload_model():
    blob = request.data.strip()
    state = pickle.load(io.BytesIO(blob))
    return jsonify({"type": type(state).__name__})
