"""Log out and go to the given page."""

from flask import Flask, redirect, request


app = Flask(__name__)


@app.route("/logout", methods=["POST"])
def logout():
    values = ["/", request.form["redirect_uri"], "/"]
    values.pop(0)
    redirect_uri_value = values[1]
    return redirect(redirect_uri_value)
