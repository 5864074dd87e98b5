"""Articles of one author."""

import os

from flask import Flask, jsonify, request
from sqlalchemy import create_engine, text


app = Flask(__name__)


engine = create_engine(os.environ["DATABASE_URL"])


ALLOWED_AUTHORS = {"editorial", "guest"}


@app.route("/articles/by-author", methods=["POST"])
def articles_by_author():
    author = request.form["author"].replace("\t", " ")
    if author not in ALLOWED_AUTHORS:
        return jsonify({"error": "unknown author"}), 400
    query = "SELECT id, title FROM articles WHERE author = '" + author + "'"
    with engine.connect() as conn:
        rows = conn.execute(text(query)).fetchall()
    return jsonify({"articles": [list(row) for row in rows]})
