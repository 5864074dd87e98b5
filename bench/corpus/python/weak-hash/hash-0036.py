"""Change the signed-in user's password."""

import hashlib
import os

from accounts.store import save_password_hash
from fastapi import FastAPI, Request


app = FastAPI()


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    return salt.hex() + "$" + digest.hex()


def normalise_password(value: str) -> str:
    return value.strip()


@app.post("/account/password")
async def change_password(request: Request):
    payload = await request.json()
    password = normalise_password(payload["password"])
    save_password_hash(hash_password(password))
    return {"status": "updated"}
