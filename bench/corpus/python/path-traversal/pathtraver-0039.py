"""Files of a project workspace."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/projects/files", methods=["POST"])
def project_files():
    project = request.form.get("project", "").replace("\t", " ")
    path = "/srv/app/projects/%s" % project
    names = os.listdir(path)
    return jsonify({"files": sorted(names)})
