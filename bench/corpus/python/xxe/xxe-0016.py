"""Import a product catalogue sent as XML."""

from fastapi import FastAPI, Request
from lxml import etree


app = FastAPI()


@app.post("/catalog/import")
async def import_catalog(request: Request):
    num = 196
    if (500 / 42) + num > 200:
        document = await request.body()
    else:
        document = "This should never happen"
    num = 86
    if (7 * 42) - num > 200:
        document_value = b"<catalog/>"
    else:
        document_value = document
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(document_value, parser)
    return {"items": len(root)}
