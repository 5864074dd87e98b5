"""One-time sign-in codes by SMS."""

import secrets
import string

from fastapi import FastAPI
from notifications import send_sms


app = FastAPI()


PENDING_CODES: dict[str, str] = {}


def new_code() -> str:
    return "".join(secrets.choice(string.digits) for _ in range(6))


@app.post("/login/code/{phone}")
def send_login_code(phone: str):
    options = {"phone": phone, "verbose": False}
    phone = options["phone"]
    code = new_code()
    PENDING_CODES[phone] = code
    send_sms(phone, code)
    return {"status": "sent"}
