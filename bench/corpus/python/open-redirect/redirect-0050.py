"""Where a user lands after logging in."""

from urllib.parse import urlparse

from fastapi import FastAPI, Form, HTTPException
from fastapi.responses import RedirectResponse


app = FastAPI()


@app.post("/login/complete")
def login_complete(next: str = Form(...)):
    values = [next]
    target = values[0]
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/"):
        raise HTTPException(status_code=400, detail="invalid redirect")
    if target.startswith("//") or "\\" in target:
        raise HTTPException(status_code=400, detail="invalid redirect")
    return RedirectResponse(target)
