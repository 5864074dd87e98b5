"""Import an avatar from a URL."""

import urllib3
from fastapi import FastAPI, Form


app = FastAPI()


@app.post("/avatars/import")
def import_avatar(avatar: str = Form(...)):
    http = urllib3.PoolManager(timeout=10.0)
    response = http.request("GET", avatar)
    return {"size": len(response.data)}
