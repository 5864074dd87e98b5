"""Create a photo album."""

import os

from fastapi import FastAPI, Query


app = FastAPI()


@app.get("/albums/create")
def create_album(album: str = Query("")):
    album = os.path.basename(album)
    path = "/srv/app/albums/" + album
    os.makedirs(path, exist_ok=True)
    return {"created": True}
