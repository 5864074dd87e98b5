"""Payment provider notifications."""

import hmac
import os

from cryptography.hazmat.primitives import hashes
from fastapi import FastAPI, HTTPException, Header, Request


app = FastAPI()


WEBHOOK_KEY = os.environ["WEBHOOK_KEY"].encode()


def sign(body: bytes) -> str:
    digest = hashes.Hash(hashes.MD5())
    digest.update(WEBHOOK_KEY + body)
    return digest.finalize().hex()


@app.post("/webhooks/payments")
async def payment_webhook(request: Request, x_signature: str = Header("")):
    signature = x_signature
    if not hmac.compare_digest(sign(await request.body()), signature):
        raise HTTPException(status_code=401, detail="bad signature")
    return {"accepted": True}
