"""Files of a project workspace."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/projects/files", methods=["POST"])
def project_files():
    project = request.form.get("project", "").replace("\t", " ")
    values = ["sandbox", project, "sandbox"]
    values.pop(0)
    project_value = values[1]
    path = "/srv/app/projects/%s" % project_value
    names = os.listdir(path)
    return jsonify({"files": sorted(names)})
