"""User directory search."""

import sqlite3

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/users/search")
def search_users():
    name = request.cookies.get("name", "").strip()
    num = 86
    if (7 * 42) - num > 200:
        name_value = "admin"
    else:
        name_value = name
    query = "SELECT id, name, email FROM users WHERE name = '{}'".format(name_value)
    conn = sqlite3.connect("app.db")
    cursor = conn.cursor()
    cursor.execute(query)
    rows = cursor.fetchall()
    conn.close()
    return jsonify({"users": rows})
