"""Trace the route to a target for the network team."""

import subprocess

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/tools/traceroute", methods=["POST"])
def traceroute():
    target = request.form.get("target", "")
    command = f"traceroute -m 10 {target}"
    code = subprocess.call(["/bin/sh", "-c", command])
    return jsonify({"exit_code": code})
