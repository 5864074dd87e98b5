"""User interface preferences kept by the browser."""

import base64
import json

from fastapi import FastAPI, Form


app = FastAPI()


@app.post("/preferences/load")
def load_preferences(prefs: str = Form(...)):
    prefs = prefs.lower()
    state = json.loads(base64.b64decode(prefs))
    return {"keys": sorted(state)}
