"""Outbound link tracking."""

from urllib.parse import urlparse

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import Response


app = FastAPI()


@app.get("/out")
def outbound(url: str = Query("")):
    values = [url]
    url = values[0]
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc or not url.startswith("/"):
        raise HTTPException(status_code=400, detail="invalid redirect")
    if url.startswith("//") or "\\" in url:
        raise HTTPException(status_code=400, detail="invalid redirect")
    return Response(status=302, headers={"Location": url})
