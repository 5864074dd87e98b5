"""Link previews for chat messages."""

import requests
from fastapi import Cookie, FastAPI, HTTPException


app = FastAPI()


ALLOWED_URLS = {"https://example.com/", "https://example.org/"}


@app.get("/links/preview")
def link_preview(url: str = Cookie("")):
    values = [url]
    url = values[0]
    if url not in ALLOWED_URLS:
        raise HTTPException(status_code=400, detail="unknown url")
    response = requests.get(url, timeout=10)
    return {"status": response.status_code}
