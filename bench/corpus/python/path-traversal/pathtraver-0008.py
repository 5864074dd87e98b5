"""Files of a project workspace."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


ALLOWED_PROJECTS = {"sandbox", "demo"}


@app.route("/projects/files", methods=["POST"])
def project_files():
    project = request.form["project"].replace("\t", " ")
    if project not in ALLOWED_PROJECTS:
        return jsonify({"error": "unknown project"}), 400
    path = "/srv/app/projects/" + project
    names = os.listdir(path)
    return jsonify({"files": sorted(names)})
