"""Outbound link tracking."""

from flask import Flask, Response, request


app = Flask(__name__)


@app.route("/out")
def outbound():
    return Response(status=302, headers={"Location": request.values.get("url", "")})
