"""Invoices as PDF files."""

from dataclasses import dataclass

from flask import Flask, send_file


app = Flask(__name__)


@dataclass
class InvoicePdfRequest:
    filename: str


@app.route("/invoices/pdf/<path:filename>")
def invoice_pdf(filename: str):
    job = InvoicePdfRequest(filename=filename)
    path = "/srv/app/invoices/" + job.filename
    return send_file(path)
