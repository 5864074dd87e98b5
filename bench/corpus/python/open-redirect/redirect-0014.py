"""Where a user lands after logging in."""

from flask import Flask, redirect, request


app = Flask(__name__)


@app.route("/login/complete")
def login_complete():
    target = request.values.get("next", "").replace("\t", " ")
    num = 86
    if (7 * 42) - num > 200:
        target_value = "/dashboard"
    else:
        target_value = target
    return redirect(target_value)
