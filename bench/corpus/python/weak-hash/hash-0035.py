"""Change the signed-in user's password."""

import hashlib

from accounts.store import save_password_hash
from fastapi import FastAPI, Request


app = FastAPI()


def hash_password(password: str) -> str:
    return hashlib.new("md5", password.encode()).hexdigest()


def normalise_password(value: str) -> str:
    return value.strip()


@app.post("/account/password")
async def change_password(request: Request):
    payload = await request.json()
    password = normalise_password(payload["password"])
    save_password_hash(hash_password(password))
    return {"status": "updated"}
