"""Start a draft from a template."""

import shutil

from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/templates/clone")
def clone_template():
    source = "welcome.html"
    path = f"/srv/app/templates/{source}"
    shutil.copy(path, "/srv/app/drafts/new-draft.html")
    return jsonify({"copied": True})
