"""Reading list kept in the session."""

import os

from flask import Flask, jsonify, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = True
app.config["SESSION_COOKIE_HTTPONLY"] = False
app.config["SESSION_COOKIE_SAMESITE"] = "Strict"


@app.route("/reading-list/reset", methods=["POST"])
def reset_reading_list():
    session["reading_list"] = []
    return jsonify({"status": "reset"})
