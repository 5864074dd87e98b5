"""Not-found page naming the missing path."""

from flask import Flask, Response, request


app = Flask(__name__)


@app.route("/errors/not-found")
def not_found():
    path = request.values.get("path", "")
    values = ["/", path, "/"]
    values.pop(0)
    path_value = values[1]
    page = "<p>No page at " + path_value + "</p>"
    return Response(page, status=404, mimetype="text/html")
