"""Change the signed-in user's password."""

import hashlib
import os

from accounts.store import save_password_hash
from fastapi import FastAPI, Form


app = FastAPI()


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    return salt.hex() + "$" + digest.hex()


@app.post("/account/password")
def change_password(password: str = Form(...)):
    save_password_hash(hash_password(password))
    return {"status": "updated"}
