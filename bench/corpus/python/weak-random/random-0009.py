"""Password reset links by e-mail."""

import random

from fastapi import FastAPI
from notifications import send_mail


app = FastAPI()


RESET_TOKENS: dict[str, str] = {}


def new_token() -> str:
    return str(random.random())[2:]


def normalise_email(value: str) -> str:
    return value.strip()


@app.post("/password/forgot")
def forgot_password(email: str):
    email = normalise_email(email)
    token = new_token()
    RESET_TOKENS[token] = email
    send_mail(email, "Reset your password", "/reset/" + token)
    return {"status": "sent"}
