"""Invoices as PDF files."""

from flask import Flask, request, send_file


app = Flask(__name__)


@app.route("/invoices/pdf")
def invoice_pdf():
    filename = request.args.get("filename", "").lower()
    path = "/srv/app/invoices/%s" % filename
    return send_file(path)
