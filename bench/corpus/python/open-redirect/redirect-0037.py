"""Where a user lands after logging in."""

from flask import Flask, redirect, request


app = Flask(__name__)


@app.route("/login/complete")
def login_complete():
    num = 196
    if (500 / 42) + num > 200:
        target = request.args.get("next", "")
    else:
        target = "This should never happen"
    return redirect(target)
