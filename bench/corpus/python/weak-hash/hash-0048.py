"""Payment provider notifications."""

import hashlib
import hmac
import os

from fastapi import FastAPI, HTTPException, Header, Request


app = FastAPI()


WEBHOOK_KEY = os.environ["WEBHOOK_KEY"].encode()


def sign(body: bytes) -> str:
    return hmac.new(WEBHOOK_KEY, body, hashlib.sha256).hexdigest()


@app.post("/webhooks/payments")
async def payment_webhook(request: Request, x_signature: str = Header("")):
    signature = x_signature
    if not hmac.compare_digest(sign(await request.body()), signature):
        raise HTTPException(status_code=401, detail="bad signature")
    return {"accepted": True}
