"""Download a generated report."""

import os

from flask import Flask, jsonify, request
from werkzeug.utils import secure_filename


app = Flask(__name__)


@app.route("/reports/download")
def report():
    name = request.args.get("name", "")
    name = secure_filename(name)
    path = os.path.join("/srv/app/reports", name)
    with open(path, encoding="utf-8") as handle:
        content = handle.read()
    return jsonify({"content": content})
