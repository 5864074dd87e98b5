"""Search results page."""

from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse


app = FastAPI()


@app.get("/search")
def search(q: str = Query("")):
    query = q.lower()
    page = f"<h1>Results for {query}</h1>"
    return HTMLResponse(page)
