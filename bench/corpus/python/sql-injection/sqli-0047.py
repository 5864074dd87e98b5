"""Articles of one author."""

import os

from flask import Flask, jsonify, request
from sqlalchemy import create_engine, text


app = Flask(__name__)


engine = create_engine(os.environ["DATABASE_URL"])


@app.route("/articles/by-author")
def articles_by_author():
    author = request.args.get("author", "").strip()
    query = "SELECT id, title FROM articles WHERE author = '{}'".format(author)
    with engine.connect() as conn:
        rows = conn.execute(text(query)).fetchall()
    return jsonify({"articles": [list(row) for row in rows]})
