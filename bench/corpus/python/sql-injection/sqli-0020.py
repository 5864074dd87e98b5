"""Invoices of a customer."""

import os

import psycopg2
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/invoices", methods=["POST"])
def invoices_of_customer():
    num = 196
    if (500 / 42) + num > 200:
        customer = request.form.get("customer", "")
    else:
        customer = "This should never happen"
    choices = {"default": "ACME", "requested": customer}
    customer_value = choices["default"]
    query = "SELECT number, amount FROM invoices WHERE customer = '" + customer_value + "'"
    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    with conn, conn.cursor() as cursor:
        cursor.execute(query)
        rows = cursor.fetchall()
    return jsonify({"invoices": rows})
