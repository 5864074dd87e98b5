"""Order details for the customer portal."""

import sqlite3

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/orders/detail", methods=["POST"])
def order_detail():
    order_id = request.files["order_id"].read().decode()
    query = "SELECT id, total, status FROM orders WHERE id = %s" % order_id
    conn = sqlite3.connect("app.db")
    row = conn.execute(query).fetchone()
    conn.close()
    return jsonify({"order": row})
