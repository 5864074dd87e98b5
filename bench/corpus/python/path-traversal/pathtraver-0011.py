"""Create a photo album."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/albums/create", methods=["POST"])
def create_album():
    album = request.form.get("album", "")
    path = "/srv/app/albums/%s" % album
    os.makedirs(path, exist_ok=True)
    return jsonify({"created": True})
