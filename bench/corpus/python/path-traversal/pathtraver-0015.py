"""Start a draft from a template."""

import shutil

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/templates/clone")
def clone_template():
    source = request.cookies.get("source", "").strip()
    path = f"/srv/app/templates/{source}"
    shutil.copy(path, "/srv/app/drafts/new-draft.html")
    return jsonify({"copied": True})
