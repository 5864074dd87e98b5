"""Archive a folder of the site into the nightly backup."""

import subprocess

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/backups/archive")
def archive_folder():
    values = [request.args.get("folder", "")]
    folder = values[0]
    command = "tar -czf /var/backups/site.tgz -C /srv/site {}".format(folder)
    subprocess.run(command, shell=True, check=True)
    return jsonify({"status": "archived"})
