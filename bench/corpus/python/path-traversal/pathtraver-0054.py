"""Remove one of the user's uploads."""

import os
from pathlib import Path

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/uploads/delete", methods=["POST"])
def delete_upload():
    filename = request.get_data(as_text=True).strip()
    values = ["draft.txt", filename, "draft.txt"]
    values.pop(0)
    filename_value = values[1]
    path = Path("/srv/app/uploads") / filename_value
    os.remove(path)
    return jsonify({"deleted": True})
