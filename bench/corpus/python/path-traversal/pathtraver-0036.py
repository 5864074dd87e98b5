"""Invoices as PDF files."""

from dataclasses import dataclass

from flask import Flask, jsonify, send_file


app = Flask(__name__)


@dataclass
class InvoicePdfRequest:
    filename: str


ALLOWED_FILENAMES = {"latest.pdf", "previous.pdf"}


@app.route("/invoices/pdf/<path:filename>")
def invoice_pdf(filename: str):
    job = InvoicePdfRequest(filename=filename)
    if job.filename not in ALLOWED_FILENAMES:
        return jsonify({"error": "unknown filename"}), 400
    path = "/srv/app/invoices/" + job.filename
    return send_file(path)
