"""Search results page."""

from flask import Flask, request


app = Flask(__name__)


@app.route("/search")
def search():
    query = request.headers.get("X-Q", "").replace("\t", " ")
    page = f"<h1>Results for {query}</h1>"
    return page
