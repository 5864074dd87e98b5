"""Validate the root of an e-invoice."""

import xml.sax
from xml.dom import minidom
from xml.sax.handler import feature_external_ges

from fastapi import FastAPI, Request


app = FastAPI()


@app.post("/invoices/xml")
async def invoice_root(request: Request):
    options = {"document": await request.body(), "verbose": False}
    document = options["document"]
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    dom = minidom.parseString(document, parser=parser)
    return {"root": dom.documentElement.tagName}
