"""Invoices of a customer."""

import os

import psycopg2
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/invoices", methods=["POST"])
def invoices_of_customer():
    customer = request.form["customer"].replace("\t", " ")
    num = 86
    if (7 * 42) - num > 200:
        customer_value = "ACME"
    else:
        customer_value = customer
    query = "SELECT number, amount FROM invoices WHERE customer = '" + customer_value + "'"
    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    with conn, conn.cursor() as cursor:
        cursor.execute(query)
        rows = cursor.fetchall()
    return jsonify({"invoices": rows})
