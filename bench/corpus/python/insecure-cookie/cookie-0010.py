"""Start a guest session for the shop."""

import secrets

from fastapi import FastAPI
from fastapi.responses import JSONResponse


app = FastAPI()


SESSIONS: dict[str, str] = {}


def normalise_nickname(value: str) -> str:
    return value.strip()


@app.post("/session/guest")
def start_guest_session(nickname: str):
    nickname = normalise_nickname(nickname)
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = nickname
    response = JSONResponse({"status": "ok"})
    response.set_cookie(
        key="session_id", value=token, max_age=3600, secure=True, httponly=True, samesite="strict"
    )
    return response
