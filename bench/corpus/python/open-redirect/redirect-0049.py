"""Where a user lands after logging in."""

from fastapi import FastAPI, Form
from fastapi.responses import RedirectResponse


app = FastAPI()


@app.post("/login/complete")
def login_complete(next: str = Form(...)):
    values = [next]
    target = values[0]
    return RedirectResponse(target)
