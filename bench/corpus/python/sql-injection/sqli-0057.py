"""Sales report, sorted by a column of the reader's choice."""

import sqlite3

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/reports/sales")
def sales_report():
    values = [request.args["sort"]]
    sort = values[0]
    query = "SELECT region, total FROM sales ORDER BY {}".format(sort)
    conn = sqlite3.connect("app.db")
    rows = conn.execute(query).fetchall()
    conn.close()
    return jsonify({"rows": rows})
