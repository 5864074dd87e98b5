"""Markdown pages of the documentation."""

from pathlib import Path

from fastapi import FastAPI


app = FastAPI()


def normalise_page(value: str) -> str:
    return value.strip()


@app.get("/docs/page")
def doc_page(page: str):
    page = normalise_page(page)
    path = "/srv/app/docs/{}.md".format(page)
    text = Path(path).read_text(encoding="utf-8")
    return {"markdown": text}
