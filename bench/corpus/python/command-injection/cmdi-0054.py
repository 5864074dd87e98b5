"""Archive a folder of the site into the nightly backup."""

import subprocess

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/backups/archive")
def archive_folder():
    folder = request.cookies.get("folder", "").strip()
    values = ["uploads", folder, "uploads"]
    values.pop(0)
    folder_value = values[1]
    command = "tar -czf /var/backups/site.tgz -C /srv/site {}".format(folder_value)
    subprocess.run(command, shell=True, check=True)
    return jsonify({"status": "archived"})
