"""Continue after the checkout."""

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse


app = FastAPI()


@app.post("/checkout/done")
async def checkout_done(request: Request):
    payload = await request.json()
    continue_url = payload["continue_url"].lower()
    return RedirectResponse(url=continue_url, status_code=303)
