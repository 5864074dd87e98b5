"""Validate the root of an e-invoice."""

import defusedxml.minidom
from fastapi import FastAPI, Request


app = FastAPI()


@app.post("/invoices/xml")
async def invoice_root(request: Request):
    options = {"document": await request.body(), "verbose": False}
    document = options["document"]
    dom = defusedxml.minidom.parseString(document)
    return {"root": dom.documentElement.tagName}
