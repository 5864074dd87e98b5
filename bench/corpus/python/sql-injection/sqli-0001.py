"""User directory search."""

import sqlite3

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/users/search")
def search_users():
    name = request.args.get("name", "")
    query = f"SELECT id, name, email FROM users WHERE name = '{name}'"
    conn = sqlite3.connect("app.db")
    cursor = conn.cursor()
    cursor.execute(query)
    rows = cursor.fetchall()
    conn.close()
    return jsonify({"users": rows})
