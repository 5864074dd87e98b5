"""Files of a project workspace."""

import os

from flask import Flask, jsonify
from werkzeug.security import safe_join


app = Flask(__name__)


@app.route("/projects/files/<path:project>")
def project_files(project: str):
    options = {"project": project, "verbose": False}
    project = options["project"]
    if safe_join("/srv/app/projects", project) is None:
        return jsonify({"error": "invalid name"}), 400
    path = "/srv/app/projects/" + project
    names = os.listdir(path)
    return jsonify({"files": sorted(names)})
