"""Invoices as PDF files."""

from fastapi import FastAPI
from fastapi.responses import FileResponse


app = FastAPI()


@app.get("/invoices/pdf")
def invoice_pdf(filename: str):
    filename = filename.lower()
    path = f"/srv/app/invoices/{filename}"
    return FileResponse(path)
