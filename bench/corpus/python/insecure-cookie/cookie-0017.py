"""Start a guest session for the shop."""

import secrets

from fastapi import FastAPI
from fastapi.responses import JSONResponse


app = FastAPI()


SESSIONS: dict[str, str] = {}


@app.post("/session/guest/{nickname}")
def start_guest_session(nickname: str):
    options = {"nickname": nickname, "verbose": False}
    nickname = options["nickname"]
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = nickname
    response = JSONResponse({"status": "ok"})
    response.set_cookie(
        key="session_id", value=token, max_age=3600, secure=True, httponly=True, samesite="none"
    )
    return response
