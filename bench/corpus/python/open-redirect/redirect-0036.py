"""Log out and go to the given page."""

from flask import Flask, redirect


app = Flask(__name__)


@app.route("/logout", methods=["POST"])
def logout():
    redirect_uri = "/"
    return redirect(redirect_uri)
