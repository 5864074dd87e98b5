"""User directory search."""

import sqlite3

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/users/search")
def search_users():
    name = request.args.get("name", "")
    conn = sqlite3.connect("app.db")
    cursor = conn.cursor()
    cursor.execute("SELECT id, name, email FROM users WHERE name = ?", (name,))
    rows = cursor.fetchall()
    conn.close()
    return jsonify({"users": rows})
