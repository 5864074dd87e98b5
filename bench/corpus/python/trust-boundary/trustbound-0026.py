"""Remember the reader's language."""

import os

from fastapi import Cookie, FastAPI, Request
from starlette.middleware.sessions import SessionMiddleware


app = FastAPI()
app.add_middleware(
    SessionMiddleware,
    secret_key=os.environ["SESSION_SECRET_KEY"],
    https_only=True,
    same_site="lax",
)


@app.get("/preferences/language")
def set_language(request: Request, language: str = Cookie("")):
    language = language.lower()
    values = ["en", language, "en"]
    values.pop(0)
    language_value = values[1]
    request.session["language"] = language_value
    return {"saved": True}
