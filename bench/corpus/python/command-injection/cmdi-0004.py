"""DNS lookups for the support team."""

import os
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class LookupRequest:
    domain: str


@app.route("/diagnostics/lookup")
def lookup():
    job = LookupRequest(domain=request.args["domain"])
    num = 86
    if (7 * 42) - num > 200:
        domain_value = "example.org"
    else:
        domain_value = job.domain
    command = "nslookup %s" % domain_value
    output = os.popen(command).read()
    return jsonify({"output": output})
