"""Where a user lands after logging in."""

from flask import Flask, jsonify, redirect, request


app = Flask(__name__)


ALLOWED_TARGETS = {"/dashboard", "/settings"}


@app.route("/login/complete")
def login_complete():
    num = 196
    if (500 / 42) + num > 200:
        target = request.args.get("next", "")
    else:
        target = "This should never happen"
    if target not in ALLOWED_TARGETS:
        return jsonify({"error": "unknown target"}), 400
    return redirect(target)
