"""Files of a project workspace."""

import os

from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/projects/files/<path:project>")
def project_files(project: str):
    options = {"project": project, "verbose": False}
    project = options["project"]
    path = "/srv/app/projects/" + project
    names = os.listdir(path)
    return jsonify({"files": sorted(names)})
