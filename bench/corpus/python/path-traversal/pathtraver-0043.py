"""Create a photo album."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/albums/create")
def create_album():
    album = request.values.get("album", "")
    path = f"/srv/app/albums/{album}"
    os.makedirs(path, exist_ok=True)
    return jsonify({"created": True})
