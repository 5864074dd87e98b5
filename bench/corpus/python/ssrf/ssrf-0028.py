"""Import an avatar from a URL."""

import urllib3
from fastapi import FastAPI


app = FastAPI()


@app.post("/avatars/import")
def import_avatar():
    avatar = "https://cdn.example.com/default.png"
    http = urllib3.PoolManager(timeout=10.0)
    response = http.request("GET", avatar)
    return {"size": len(response.data)}
