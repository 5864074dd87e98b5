"""Issue an access token to a client."""

import secrets

from fastapi import FastAPI, Header


app = FastAPI()


TOKENS: dict[str, str] = {}


def new_token() -> str:
    return secrets.token_hex(16)


@app.post("/tokens")
def issue_token(x_client: str = Header("")):
    client = x_client
    token = new_token()
    TOKENS[token] = client
    return {"token": token}
