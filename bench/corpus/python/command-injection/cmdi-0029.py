"""Resolve a name with dig."""

import subprocess
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class DigRequest:
    name: str


@app.route("/tools/dig", methods=["POST"])
def dig():
    job = DigRequest(name=request.get_data(as_text=True))
    command = "dig +short %s" % job.name
    answer = subprocess.getoutput(command)
    return jsonify({"answer": answer})
