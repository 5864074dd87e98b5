"""Issue an access token to a client."""

import secrets

from fastapi import FastAPI, Request


app = FastAPI()


TOKENS: dict[str, str] = {}


def new_token() -> str:
    return secrets.token_urlsafe(18)


@app.post("/tokens")
async def issue_token(request: Request):
    payload = await request.json()
    client = payload["client"].lower()
    token = new_token()
    TOKENS[token] = client
    return {"token": token}
