"""Continue after the checkout."""

from fastapi import FastAPI
from fastapi.responses import RedirectResponse


app = FastAPI()


def normalise_continue_url(value: str) -> str:
    return value.strip()


@app.get("/checkout/done")
def checkout_done(continue_url: str):
    continue_url = normalise_continue_url(continue_url)
    return RedirectResponse(url=continue_url, status_code=303)
