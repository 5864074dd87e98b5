"""E-mail signature editor."""

from fastapi import FastAPI, Header
from fastapi.responses import HTMLResponse
from jinja2 import Template


app = FastAPI()


COMPANY = "Example Ltd"


@app.get("/signature")
def signature(x_signature: str = Header("")):
    values = [x_signature]
    signature = values[0]
    html = Template(signature, autoescape=True).render(company=COMPANY)
    return HTMLResponse(html)
