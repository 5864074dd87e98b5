"""Continue after the checkout."""

from urllib.parse import urlparse

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import RedirectResponse


app = FastAPI()


@app.post("/checkout/done")
async def checkout_done(request: Request):
    payload = await request.json()
    continue_url = payload["continue_url"].lower()
    parsed = urlparse(continue_url)
    if parsed.scheme or parsed.netloc or not continue_url.startswith("/"):
        raise HTTPException(status_code=400, detail="invalid redirect")
    if continue_url.startswith("//") or "\\" in continue_url:
        raise HTTPException(status_code=400, detail="invalid redirect")
    return RedirectResponse(url=continue_url, status_code=303)
