"""Outbound link tracking."""

from fastapi import FastAPI, Query
from fastapi.responses import Response


app = FastAPI()


@app.get("/out")
def outbound(url: str = Query("")):
    values = [url]
    url = values[0]
    return Response(status=302, headers={"Location": url})
