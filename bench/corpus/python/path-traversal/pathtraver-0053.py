"""Remove one of the user's uploads."""

import os
from pathlib import Path

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/uploads/delete", methods=["POST"])
def delete_upload():
    filename = request.get_data(as_text=True).strip()
    path = Path("/srv/app/uploads") / filename
    os.remove(path)
    return jsonify({"deleted": True})
