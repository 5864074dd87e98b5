"""Search results page."""

import html

from fastapi import FastAPI, Form
from fastapi.responses import HTMLResponse


app = FastAPI()


@app.post("/search")
def search(q: str = Form(...)):
    values = [q]
    query = values[0]
    query = html.escape(query)
    page = f"<h1>Results for {query}</h1>"
    return HTMLResponse(page)
