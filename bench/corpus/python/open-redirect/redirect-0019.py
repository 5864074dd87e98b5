"""Outbound link tracking."""

from flask import Flask, Response, request


app = Flask(__name__)


@app.route("/out")
def outbound():
    url = request.headers.get("X-Url", "").lower()
    return Response(status=302, headers={"Location": url})
