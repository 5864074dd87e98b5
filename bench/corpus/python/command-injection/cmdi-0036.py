"""DNS lookups for the support team."""

import os
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class LookupRequest:
    domain: str


ALLOWED_DOMAINS = {"example.org", "example.net"}


@app.route("/diagnostics/lookup", methods=["POST"])
def lookup():
    job = LookupRequest(domain=request.files["domain"].read().decode())
    if job.domain not in ALLOWED_DOMAINS:
        return jsonify({"error": "unknown domain"}), 400
    command = "nslookup %s" % job.domain
    output = os.popen(command).read()
    return jsonify({"output": output})
