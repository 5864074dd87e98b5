"""Archive a folder of the site into the nightly backup."""

import subprocess

from flask import Flask, jsonify, request


app = Flask(__name__)


ALLOWED_FOLDERS = {"uploads", "media", "static"}


@app.route("/backups/archive", methods=["POST"])
def archive_folder():
    folder = request.get_json()["folder"].strip()
    if folder not in ALLOWED_FOLDERS:
        return jsonify({"error": "unknown folder"}), 400
    command = "tar -czf /var/backups/site.tgz -C /srv/site {}".format(folder)
    subprocess.run(command, shell=True, check=True)
    return jsonify({"status": "archived"})
