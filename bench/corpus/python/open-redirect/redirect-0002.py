"""Where a user lands after logging in."""

from urllib.parse import urlparse

from flask import Flask, jsonify, redirect, request


app = Flask(__name__)


@app.route("/login/complete")
def login_complete():
    target = request.args.get("next", "")
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/"):
        return jsonify({"error": "invalid redirect"}), 400
    if target.startswith("//") or "\\" in target:
        return jsonify({"error": "invalid redirect"}), 400
    return redirect(target)
