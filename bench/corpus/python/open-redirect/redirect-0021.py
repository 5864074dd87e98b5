"""Continue after the checkout."""

from fastapi import FastAPI, Header
from fastapi.responses import RedirectResponse


app = FastAPI()


@app.get("/checkout/done")
def checkout_done(x_continue_url: str = Header("")):
    continue_url = x_continue_url.strip()
    return RedirectResponse(url=continue_url, status_code=303)
