"""Markdown pages of the documentation."""

from pathlib import Path

from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/docs/page", methods=["POST"])
def doc_page():
    page = "index"
    path = "/srv/app/docs/{}.md".format(page)
    text = Path(path).read_text(encoding="utf-8")
    return jsonify({"markdown": text})
