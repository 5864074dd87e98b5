"""Sales report, sorted by a column of the reader's choice."""

import sqlite3

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/reports/sales", methods=["POST"])
def sales_report():
    sort = request.json.get("sort", "")
    query = f"SELECT region, total FROM sales ORDER BY {sort}"
    conn = sqlite3.connect("app.db")
    rows = conn.execute(query).fetchall()
    conn.close()
    return jsonify({"rows": rows})
