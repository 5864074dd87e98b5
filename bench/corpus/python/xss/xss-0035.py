"""Not-found page naming the missing path."""

from dataclasses import dataclass

from flask import Flask, Response, request


app = Flask(__name__)


@dataclass
class NotFoundRequest:
    path: str


@app.route("/errors/not-found", methods=["POST"])
def not_found():
    job = NotFoundRequest(path=request.form["path"])
    page = "<p>No page at " + job.path + "</p>"
    return Response(page, status=404, mimetype="text/html")
