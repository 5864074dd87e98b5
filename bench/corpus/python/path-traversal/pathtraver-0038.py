"""Remove one of the user's uploads."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/uploads/delete", methods=["POST"])
def delete_upload():
    values = [request.form["filename"]]
    filename = values[0]
    filename = os.path.basename(filename)
    path = "/srv/app/uploads/{}".format(filename)
    os.remove(path)
    return jsonify({"deleted": True})
