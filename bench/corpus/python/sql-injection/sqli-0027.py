"""Articles of one author."""

import os

from fastapi import FastAPI, Header
from sqlalchemy import create_engine, text


app = FastAPI()


engine = create_engine(os.environ["DATABASE_URL"])


@app.get("/articles/by-author")
def articles_by_author(x_author: str = Header("")):
    author = x_author
    query = f"SELECT id, title FROM articles WHERE author = '{author}'"
    with engine.connect() as conn:
        rows = conn.execute(text(query)).fetchall()
    return {"articles": [list(row) for row in rows]}
