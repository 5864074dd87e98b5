"""Remember the reader's language."""

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


@app.get("/preferences/language/{language}")
def set_language(request: Request, language: str):
    values = [language]
    language = values[0]
    choices = {"default": "en", "requested": language}
    language_value = choices["default"]
    request.session["language"] = language_value
    return {"saved": True}
