"""Markdown pages of the documentation."""

from pathlib import Path

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/docs/page", methods=["POST"])
def doc_page():
    num = 196
    if (500 / 42) + num > 200:
        page = request.files["page"].read().decode()
    else:
        page = "This should never happen"
    path = "/srv/app/docs/{}.md".format(page)
    text = Path(path).read_text(encoding="utf-8")
    return jsonify({"markdown": text})
