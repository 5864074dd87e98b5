"""Issue an access token to a client."""

import os

from fastapi import Cookie, FastAPI


app = FastAPI()


TOKENS: dict[str, str] = {}


def new_token() -> str:
    return os.urandom(16).hex()


def normalise_client(value: str) -> str:
    return value.strip()


@app.post("/tokens")
def issue_token(client: str = Cookie("")):
    client = normalise_client(client)
    token = new_token()
    TOKENS[token] = client
    return {"token": token}
