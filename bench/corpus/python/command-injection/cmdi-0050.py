"""Network diagnostics: ping a host from the server."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


ALLOWED_HOSTS = {"example.com", "example.org"}


@app.route("/diagnostics/ping")
def ping():
    host = request.values.get("host", "")
    if host not in ALLOWED_HOSTS:
        return jsonify({"error": "unknown host"}), 400
    command = f"ping -c 1 {host}"
    status = os.system(command)
    return jsonify({"exit_code": status})
