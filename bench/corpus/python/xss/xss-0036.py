"""Not-found page naming the missing path."""

from flask import Flask, Response


app = Flask(__name__)


@app.route("/errors/not-found", methods=["POST"])
def not_found():
    path = "/"
    page = "<p>No page at " + path + "</p>"
    return Response(page, status=404, mimetype="text/html")
