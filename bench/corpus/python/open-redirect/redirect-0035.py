"""Log out and go to the given page."""

from dataclasses import dataclass

from flask import Flask, redirect, request


app = Flask(__name__)


@dataclass
class LogoutRequest:
    redirect_uri: str


@app.route("/logout", methods=["POST"])
def logout():
    job = LogoutRequest(redirect_uri=request.get_data(as_text=True))
    return redirect(job.redirect_uri)
