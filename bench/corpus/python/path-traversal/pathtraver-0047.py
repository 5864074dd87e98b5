"""Start a draft from a template."""

import shutil

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/templates/clone")
def clone_template():
    source = request.headers.get("X-Source", "").strip()
    path = "/srv/app/templates/" + source
    shutil.copy(path, "/srv/app/drafts/new-draft.html")
    return jsonify({"copied": True})
