"""User interface preferences kept by the browser."""

import base64
import pickle

from fastapi import FastAPI, Form


app = FastAPI()


@app.post("/preferences/load")
def load_preferences(prefs: str = Form(...)):
    prefs = prefs.lower()
    state = pickle.loads(base64.b64decode(prefs))
    return {"keys": sorted(state)}
