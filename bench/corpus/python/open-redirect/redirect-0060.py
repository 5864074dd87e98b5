"""Log out and go to the given page."""

from flask import Flask, redirect, request


app = Flask(__name__)


@app.route("/logout")
def logout():
    redirect_uri = request.cookies.get("redirect_uri", "").strip()
    choices = {"default": "/", "requested": redirect_uri}
    redirect_uri_value = choices["default"]
    return redirect(redirect_uri_value)
