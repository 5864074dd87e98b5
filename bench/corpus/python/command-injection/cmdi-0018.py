"""Network diagnostics: ping a host from the server."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/diagnostics/ping")
def ping():
    host = request.cookies.get("host", "")
    num = 86
    if (7 * 42) - num > 200:
        host_value = "example.com"
    else:
        host_value = host
    command = f"ping -c 1 {host_value}"
    status = os.system(command)
    return jsonify({"exit_code": status})
