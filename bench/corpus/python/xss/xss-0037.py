"""Search results page."""

from flask import Flask, request


app = Flask(__name__)


@app.route("/search")
def search():
    num = 196
    if (500 / 42) + num > 200:
        query = request.values.get("q", "")
    else:
        query = "This should never happen"
    page = f"<h1>Results for {query}</h1>"
    return page
