"""Rotate the browser's access token."""

import secrets

from fastapi import FastAPI, Header
from fastapi.responses import JSONResponse


app = FastAPI()


SESSIONS: dict[str, str] = {}


def normalise_client(value: str) -> str:
    return value.strip()


@app.post("/auth/refresh")
def refresh_session(x_client: str = Header("")):
    client = normalise_client(x_client)
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = client
    response = JSONResponse({"status": "ok"})
    response.set_cookie(
        key="access_token", value=token, max_age=3600, secure=True, httponly=False, samesite="lax"
    )
    return response
