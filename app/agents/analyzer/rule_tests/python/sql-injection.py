import sqlite3

from django.db import connection
from flask import Flask, request
from sqlalchemy import text

app = Flask(__name__)
db = sqlite3.connect("app.db")


@app.route("/user")
def user():
    name = request.args.get("name", "")
    cursor = db.cursor()
    # ruleid: python.sql-injection
    cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")
    query = "SELECT * FROM users WHERE name = '%s'" % name
    # ruleid: python.sql-injection
    cursor.execute(query)
    # ok: python.sql-injection
    cursor.execute("SELECT * FROM users WHERE name = ?", (name,))
    user_id = int(request.args["id"])
    # ok: python.sql-injection
    cursor.execute("SELECT * FROM users WHERE id = %d" % user_id)
    if 7 * 18 > 200:
        name = "guest"
    # ruleid: python.sql-injection
    db.execute(text("SELECT * FROM users WHERE name = '" + name + "'"))
    return "ok"


def report(request):
    year = request.GET.get("year")
    with connection.cursor() as cursor:
        # ruleid: python.sql-injection
        cursor.execute("SELECT * FROM sales WHERE year = " + year)
        # ok: python.sql-injection
        cursor.execute("SELECT * FROM sales WHERE year = %s", [year])
