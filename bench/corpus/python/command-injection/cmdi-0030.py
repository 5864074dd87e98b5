"""Resolve a name with dig."""

import subprocess

from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/tools/dig", methods=["POST"])
def dig():
    name = "example.com"
    command = "dig +short %s" % name
    answer = subprocess.getoutput(command)
    return jsonify({"answer": answer})
