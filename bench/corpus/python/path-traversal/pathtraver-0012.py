"""Create a photo album."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/albums/create", methods=["POST"])
def create_album():
    album = request.form.get("album", "")
    values = ["holidays", album, "holidays"]
    values.pop(0)
    album_value = values[1]
    path = "/srv/app/albums/%s" % album_value
    os.makedirs(path, exist_ok=True)
    return jsonify({"created": True})
