"""Where a user lands after logging in."""

from fastapi import FastAPI, Form
from fastapi.responses import RedirectResponse


app = FastAPI()


@app.post("/login/complete")
def login_complete(next: str = Form(...)):
    target = next.lower()
    return RedirectResponse(target)
