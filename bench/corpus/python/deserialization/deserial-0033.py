"""Restore a saved wizard state."""

import pickle
from dataclasses import dataclass

from fastapi import FastAPI, UploadFile


app = FastAPI()


@dataclass
class RestoreStateRequest:
    blob: bytes


@app.post("/session/restore")
async def restore_state(upload: UploadFile):
    job = RestoreStateRequest(blob=await upload.read())
    state = pickle.loads(job.blob)
    return {"keys": sorted(state)}
