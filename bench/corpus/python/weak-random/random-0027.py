"""Issue an access token to a client."""

import random

from fastapi import FastAPI, Header


app = FastAPI()


TOKENS: dict[str, str] = {}


def new_token() -> str:
    return "%032x" % random.getrandbits(128)


@app.post("/tokens")
def issue_token(x_client: str = Header("")):
    client = x_client
    token = new_token()
    TOKENS[token] = client
    return {"token": token}
