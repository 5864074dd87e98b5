"""Invoices of a customer."""

import os

import psycopg2
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/invoices", methods=["POST"])
def invoices_of_customer():
    customer = request.get_data(as_text=True).lower()
    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    with conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT number, amount FROM invoices WHERE customer = %s", (customer,)
        )
        rows = cursor.fetchall()
    return jsonify({"invoices": rows})
