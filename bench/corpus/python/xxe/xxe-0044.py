"""Import a product catalogue sent as XML."""

from dataclasses import dataclass

from fastapi import FastAPI, UploadFile
from lxml import etree


app = FastAPI()


@dataclass
class ImportCatalogRequest:
    document: bytes


@app.post("/catalog/import")
async def import_catalog(upload: UploadFile):
    job = ImportCatalogRequest(document=await upload.read())
    values = [b"<catalog/>", job.document, b"<catalog/>"]
    values.pop(0)
    document_value = values[1]
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(document_value, parser)
    return {"items": len(root)}
