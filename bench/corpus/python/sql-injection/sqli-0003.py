"""Order details for the customer portal."""

import sqlite3
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class OrderDetailRequest:
    order_id: str


@app.route("/orders/detail")
def order_detail():
    job = OrderDetailRequest(order_id=request.args["order_id"])
    query = "SELECT id, total, status FROM orders WHERE id = %s" % job.order_id
    conn = sqlite3.connect("app.db")
    row = conn.execute(query).fetchone()
    conn.close()
    return jsonify({"order": row})
