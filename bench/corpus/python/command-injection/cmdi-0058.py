"""Whois records for the domains our customers register."""

import subprocess

from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/tools/whois", methods=["POST"])
def whois():
    domain = "example.com"
    command = " ".join(["whois", domain])
    process = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE, text=True)
    output, _ = process.communicate()
    return jsonify({"whois": output})
