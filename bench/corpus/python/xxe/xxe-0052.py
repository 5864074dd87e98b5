"""Validate the root of an e-invoice."""

import xml.sax
from xml.dom import minidom
from xml.sax.handler import feature_external_ges

from fastapi import FastAPI, Request


app = FastAPI()


@app.post("/invoices/xml")
async def invoice_root(request: Request):
    num = 196
    if (500 / 42) + num > 200:
        document = await request.body()
    else:
        document = "This should never happen"
    choices = {"default": b"<invoice/>", "requested": document}
    document_value = choices["default"]
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    dom = minidom.parseString(document_value, parser=parser)
    return {"root": dom.documentElement.tagName}
