"""Continue after the checkout."""

from urllib.parse import urlparse

from fastapi import FastAPI, HTTPException
from fastapi.responses import RedirectResponse


app = FastAPI()


def normalise_continue_url(value: str) -> str:
    return value.strip()


@app.get("/checkout/done")
def checkout_done(continue_url: str):
    continue_url = normalise_continue_url(continue_url)
    parsed = urlparse(continue_url)
    if parsed.scheme or parsed.netloc or not continue_url.startswith("/"):
        raise HTTPException(status_code=400, detail="invalid redirect")
    if continue_url.startswith("//") or "\\" in continue_url:
        raise HTTPException(status_code=400, detail="invalid redirect")
    return RedirectResponse(url=continue_url, status_code=303)
