"""Network diagnostics: ping a host from the server."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/diagnostics/ping")
def ping():
    host = request.cookies.get("host", "")
    command = f"ping -c 1 {host}"
    status = os.system(command)
    return jsonify({"exit_code": status})
