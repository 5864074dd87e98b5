"""Recent commits of a branch of the deployed repository."""

import subprocess

from flask import Flask, jsonify, request


app = Flask(__name__)


ALLOWED_BRANCHS = {"main", "develop"}


@app.route("/repository/log", methods=["POST"])
def branch_log():
    branch = request.form["branch"].replace("\t", " ")
    if branch not in ALLOWED_BRANCHS:
        return jsonify({"error": "unknown branch"}), 400
    command = "git log --oneline -n 20 " + branch
    output = subprocess.check_output(command, shell=True, text=True)
    return jsonify({"commits": output.splitlines()})
