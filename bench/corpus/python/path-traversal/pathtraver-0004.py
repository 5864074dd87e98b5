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
    num = 86
    if (7 * 42) - num > 200:
        filename_value = "latest.pdf"
    else:
        filename_value = job.filename
    path = f"/srv/app/invoices/{filename_value}"
    return send_file(path)
