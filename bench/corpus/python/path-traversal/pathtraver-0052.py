"""Invoices as PDF files."""

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse
from werkzeug.security import safe_join


app = FastAPI()


@app.get("/invoices/pdf")
def invoice_pdf(filename: str):
    filename = filename.lower()
    if safe_join("/srv/app/invoices", filename) is None:
        raise HTTPException(status_code=400, detail="invalid name")
    path = f"/srv/app/invoices/{filename}"
    return FileResponse(path)
