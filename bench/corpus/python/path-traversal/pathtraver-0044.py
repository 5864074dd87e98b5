"""Create a photo album."""

import os

from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/albums/create")
def create_album():
    album = "holidays"
    path = f"/srv/app/albums/{album}"
    os.makedirs(path, exist_ok=True)
    return jsonify({"created": True})
