"""Sales report, sorted by a column of the reader's choice."""

import sqlite3

from flask import Flask, jsonify, request


app = Flask(__name__)


SORT_COLUMNS = {"region": "region", "total": "total DESC"}


@app.route("/reports/sales")
def sales_report():
    values = [request.args["sort"]]
    sort = values[0]
    sort = SORT_COLUMNS.get(sort, "region")
    query = "SELECT region, total FROM sales ORDER BY {}".format(sort)
    conn = sqlite3.connect("app.db")
    rows = conn.execute(query).fetchall()
    conn.close()
    return jsonify({"rows": rows})
