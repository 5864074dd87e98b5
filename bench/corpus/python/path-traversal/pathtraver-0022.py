"""Remove one of the user's uploads."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


ALLOWED_FILENAMES = {"draft.txt", "notes.txt"}


@app.route("/uploads/delete", methods=["POST"])
def delete_upload():
    filename = request.get_data(as_text=True).strip()
    if filename not in ALLOWED_FILENAMES:
        return jsonify({"error": "unknown filename"}), 400
    path = os.path.join("/srv/app/uploads", filename)
    os.remove(path)
    return jsonify({"deleted": True})
