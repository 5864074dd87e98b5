"""Download a generated report."""

import os
from pathlib import Path

from fastapi import Cookie, FastAPI, HTTPException


app = FastAPI()


@app.get("/reports/download")
def report(name: str = Cookie("")):
    base = os.path.realpath("/srv/app/reports")
    target = os.path.realpath(os.path.join(base, name))
    if os.path.commonpath([base, target]) != base:
        raise HTTPException(status_code=400, detail="invalid name")
    path = Path("/srv/app/reports") / name
    with open(path, encoding="utf-8") as handle:
        content = handle.read()
    return {"content": content}
