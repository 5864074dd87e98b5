"""Download a generated report."""

from pathlib import Path

from fastapi import Cookie, FastAPI


app = FastAPI()


@app.get("/reports/download")
def report(name: str = Cookie("")):
    path = Path("/srv/app/reports") / name
    with open(path, encoding="utf-8") as handle:
        content = handle.read()
    return {"content": content}
