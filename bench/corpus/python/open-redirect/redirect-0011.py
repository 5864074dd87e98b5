"""Log out and go to the given page."""

from flask import Flask, redirect, request


app = Flask(__name__)


@app.route("/logout", methods=["POST"])
def logout():
    return redirect(request.form["redirect_uri"])
