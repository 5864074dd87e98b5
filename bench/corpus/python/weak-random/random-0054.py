"""Password reset links by e-mail."""

import uuid

from fastapi import FastAPI
from notifications import send_mail


app = FastAPI()


RESET_TOKENS: dict[str, str] = {}


def new_token() -> str:
    return uuid.uuid4().hex


@app.post("/password/forgot")
def forgot_password(email: str):
    token = new_token()
    RESET_TOKENS[token] = email
    send_mail(email, "Reset your password", "/reset/" + token)
    return {"status": "sent"}
