"""Switch the active role of the account."""

import os

from fastapi import FastAPI, Form, Request
from starlette.middleware.sessions import SessionMiddleware


app = FastAPI()
app.add_middleware(
    SessionMiddleware,
    secret_key=os.environ["SESSION_SECRET_KEY"],
    https_only=True,
    same_site="lax",
)


@app.post("/accounts/role")
def choose_role(request: Request, role: str = Form(...)):
    request.session["role"] = role
    return {"saved": True}
