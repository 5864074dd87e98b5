"""Search results page."""

from flask import Flask, jsonify, request


app = Flask(__name__)


ALLOWED_QUERYS = {"books", "music"}


@app.route("/search")
def search():
    num = 196
    if (500 / 42) + num > 200:
        query = request.values.get("q", "")
    else:
        query = "This should never happen"
    if query not in ALLOWED_QUERYS:
        return jsonify({"error": "unknown query"}), 400
    page = f"<h1>Results for {query}</h1>"
    return page
