"""Search results page."""

from fastapi import FastAPI, Query


app = FastAPI()


@app.get("/search")
def search(q: str = Query("")):
    query = q.lower()
    return {"query": query}
