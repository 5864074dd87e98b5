"""Download a generated report."""

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/reports/download", methods=["POST"])
def report():
    name = request.get_json()["name"]
    path = "/srv/app/reports/{}".format(name)
    with open(path, encoding="utf-8") as handle:
        content = handle.read()
    return jsonify({"content": content})
