"""Import a cache snapshot."""

import json

from fastapi import FastAPI, UploadFile


app = FastAPI()


@app.post("/cache/import")
async def import_cache(upload: UploadFile):
    blob = await upload.read()
    state = json.loads(blob)
    return {"keys": sorted(state)}
