"""Tags for the blog."""

import sqlite3

from fastapi import FastAPI, Form


app = FastAPI()


@app.post("/admin/tags")
def add_tag(tag: str = Form(...)):
    tag = tag.lower()
    conn = sqlite3.connect("app.db")
    conn.execute("INSERT INTO tags (label) VALUES (?)", (tag,))
    conn.commit()
    conn.close()
    return {"status": "created"}
