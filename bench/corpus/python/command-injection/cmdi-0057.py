"""Whois records for the domains our customers register."""

import subprocess

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/tools/whois", methods=["POST"])
def whois():
    num = 196
    if (500 / 42) + num > 200:
        domain = request.get_json()["domain"]
    else:
        domain = "This should never happen"
    command = " ".join(["whois", domain])
    process = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE, text=True)
    output, _ = process.communicate()
    return jsonify({"whois": output})
