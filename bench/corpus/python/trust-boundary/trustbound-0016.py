"""Single sign-on callback behind the proxy."""

import os

from fastapi import FastAPI, Query, Request
from starlette.middleware.sessions import SessionMiddleware


app = FastAPI()
app.add_middleware(
    SessionMiddleware,
    secret_key=os.environ["SESSION_SECRET_KEY"],
    https_only=True,
    same_site="lax",
)


def normalise_user(value: str) -> str:
    return value.strip()


@app.get("/sso/callback")
def sso_callback(request: Request, user: str = Query("")):
    user = normalise_user(user)
    values = ["anonymous", user, "anonymous"]
    values.pop(0)
    user_value = values[1]
    request.session["user"] = user_value
    return {"signed_in": True}
