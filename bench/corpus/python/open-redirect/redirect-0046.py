"""Continue after the checkout."""

from fastapi import FastAPI
from fastapi.responses import RedirectResponse


app = FastAPI()


@app.get("/checkout/done")
def checkout_done():
    continue_url = "/orders"
    return RedirectResponse(url=continue_url, status_code=303)
