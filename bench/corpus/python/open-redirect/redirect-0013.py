"""Where a user lands after logging in."""

from flask import Flask, redirect, request


app = Flask(__name__)


@app.route("/login/complete")
def login_complete():
    target = request.values.get("next", "").replace("\t", " ")
    return redirect(target)
