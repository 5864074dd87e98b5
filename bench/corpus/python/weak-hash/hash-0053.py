"""Change the signed-in user's password."""

import hashlib

from accounts.store import save_password_hash
from fastapi import FastAPI, Form


app = FastAPI()


def hash_password(password: str) -> str:
    return hashlib.md5(password.encode()).hexdigest()


@app.post("/account/password")
def change_password(password: str = Form(...)):
    save_password_hash(hash_password(password))
    return {"status": "updated"}
