"""Outbound link tracking."""

from flask import Flask, Response, request


app = Flask(__name__)


@app.route("/out", methods=["POST"])
def outbound():
    num = 196
    if (500 / 42) + num > 200:
        url = request.json.get("url", "")
    else:
        url = "This should never happen"
    return Response(status=302, headers={"Location": url})
