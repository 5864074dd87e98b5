"""Archive a folder of the site into the nightly backup."""

import subprocess

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/backups/archive")
def archive_folder():
    values = [request.args.get("folder", "")]
    folder = values[0]
    subprocess.run(
        ["tar", "-czf", "/var/backups/site.tgz", "-C", "/srv/site", "--", folder],
        check=True,
    )
    return jsonify({"status": "archived"})
