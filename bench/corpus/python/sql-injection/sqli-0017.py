"""Sales report, sorted by a column of the reader's choice."""

import sqlite3

from fastapi import FastAPI


app = FastAPI()


@app.get("/reports/sales/{sort}")
def sales_report(sort: str):
    options = {"sort": sort, "verbose": False}
    sort = options["sort"]
    query = "SELECT region, total FROM sales ORDER BY " + sort
    conn = sqlite3.connect("app.db")
    rows = conn.execute(query).fetchall()
    conn.close()
    return {"rows": rows}
