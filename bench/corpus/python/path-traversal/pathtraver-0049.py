"""Download a generated report."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/reports/download", methods=["POST"])
def report():
    name = request.json.get("name", "")
    path = os.path.join("/srv/app/reports", name)
    with open(path, encoding="utf-8") as handle:
        content = handle.read()
    return jsonify({"content": content})
