"""Log out and go to the given page."""

from flask import Flask, redirect, request


app = Flask(__name__)


@app.route("/logout")
def logout():
    redirect_uri = request.cookies.get("redirect_uri", "").strip()
    return redirect(redirect_uri)
