"""Open a shopping cart."""

import secrets

from fastapi import FastAPI, Form
from fastapi.responses import JSONResponse


app = FastAPI()


SESSIONS: dict[str, str] = {}


@app.post("/cart/new")
def new_cart(currency: str = Form(...)):
    currency = currency.lower()
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = currency
    response = JSONResponse({"status": "ok"})
    response.set_cookie(
        key="cart_session", value=token, max_age=3600, secure=True, httponly=True, samesite="lax"
    )
    return response
