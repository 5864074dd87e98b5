"""DNS lookups for the support team."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/diagnostics/lookup")
def lookup():
    domain = request.headers.get("X-Domain", "").lower()
    command = "nslookup %s" % domain
    output = os.popen(command).read()
    return jsonify({"output": output})
