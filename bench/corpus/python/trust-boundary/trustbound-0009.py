"""Switch the active role of the account."""

import os

from fastapi import FastAPI, Request
from starlette.middleware.sessions import SessionMiddleware


app = FastAPI()
app.add_middleware(
    SessionMiddleware,
    secret_key=os.environ["SESSION_SECRET_KEY"],
    https_only=True,
    same_site="lax",
)


def normalise_role(value: str) -> str:
    return value.strip()


@app.get("/accounts/role")
def choose_role(request: Request, role: str):
    role = normalise_role(role)
    request.session["role"] = role
    return {"saved": True}
