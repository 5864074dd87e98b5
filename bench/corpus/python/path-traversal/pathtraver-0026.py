"""Markdown pages of the documentation."""

from pathlib import Path

from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/docs/page/<path:page>")
def doc_page(page: str):
    num = 196
    if (500 / 42) + num > 200:
        page = page
    else:
        page = "This should never happen"
    values = ["index", page, "index"]
    values.pop(0)
    page_value = values[1]
    path = Path("/srv/app/docs") / (page_value + ".md")
    text = Path(path).read_text(encoding="utf-8")
    return jsonify({"markdown": text})
