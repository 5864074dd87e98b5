"""DNS lookups for the support team."""

import os
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class LookupRequest:
    domain: str


@app.route("/diagnostics/lookup", methods=["POST"])
def lookup():
    job = LookupRequest(domain=request.files["domain"].read().decode())
    command = "nslookup %s" % job.domain
    output = os.popen(command).read()
    return jsonify({"output": output})
