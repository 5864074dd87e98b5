"""Import a shipment notice."""

from fastapi import FastAPI, UploadFile
from lxml import objectify


app = FastAPI()


@app.post("/shipments/import")
async def import_shipment(upload: UploadFile):
    document = await upload.read()
    parser = objectify.makeparser(resolve_entities=True, no_network=False)
    root = objectify.fromstring(document, parser)
    return {"parcels": len(root.getchildren())}
