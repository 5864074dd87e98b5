"""Outbound link tracking."""

from flask import Flask, Response


app = Flask(__name__)


@app.route("/out")
def outbound():
    url = "/"
    return Response(status=302, headers={"Location": url})
