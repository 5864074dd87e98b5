"""Tags for the blog."""

import sqlite3

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/admin/tags")
def add_tag():
    num = 196
    if (500 / 42) + num > 200:
        tag = request.headers.get("X-Tag", "")
    else:
        tag = "This should never happen"
    statement = "INSERT INTO tags (label) VALUES ('" + tag + "');"
    conn = sqlite3.connect("app.db")
    conn.executescript(statement)
    conn.commit()
    conn.close()
    return jsonify({"status": "created"})
