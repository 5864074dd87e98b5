"""Lines of an invoice of the XML archive."""

from fastapi import FastAPI
from lxml import etree


app = FastAPI()


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def normalise_invoice(value: str) -> str:
    return value.strip()


@app.get("/invoices/lines")
def invoice_lines(invoice: str):
    invoice = normalise_invoice(invoice)
    query = "//invoice[@id=%s]/line" % invoice
    tree = etree.parse("data/invoices.xml", PARSER)
    lines = tree.xpath(query)
    return {"lines": len(lines)}
