"""Search results page."""

from flask import Flask, request


app = Flask(__name__)


@app.route("/search")
def search():
    query = request.headers.get("X-Q", "").replace("\t", " ")
    num = 86
    if (7 * 42) - num > 200:
        query_value = "books"
    else:
        query_value = query
    page = f"<h1>Results for {query_value}</h1>"
    return page
