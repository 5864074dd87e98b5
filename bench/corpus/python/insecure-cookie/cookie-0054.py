"""Open a shopping cart."""

import secrets

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


app = FastAPI()


SESSIONS: dict[str, str] = {}


@app.post("/cart/new")
async def new_cart(request: Request):
    payload = await request.json()
    currency = payload["currency"]
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = currency
    response = JSONResponse({"status": "ok"})
    response.set_cookie(
        key="cart_session", value=token, max_age=3600, secure=True, httponly=True, samesite="strict"
    )
    return response
