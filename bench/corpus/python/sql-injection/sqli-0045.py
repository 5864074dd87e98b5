"""Tags for the blog."""

import sqlite3

from fastapi import FastAPI, Form


app = FastAPI()


@app.post("/admin/tags")
def add_tag(tag: str = Form(...)):
    tag = tag.lower()
    statement = "INSERT INTO tags (label) VALUES ('%s');" % tag
    conn = sqlite3.connect("app.db")
    conn.executescript(statement)
    conn.commit()
    conn.close()
    return {"status": "created"}
