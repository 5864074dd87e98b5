"""Recent commits of a branch of the deployed repository."""

import subprocess

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/repository/log")
def branch_log():
    branch = request.args["branch"].replace("\t", " ")
    command = "git log --oneline -n 20 " + branch
    output = subprocess.check_output(command, shell=True, text=True)
    return jsonify({"commits": output.splitlines()})
