"""Book titles of an author in the catalogue."""

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/books/titles")
def titles_by_author():
    author = request.headers.get("X-Author", "").replace("\t", " ")
    values = ["Tolkien", author, "Tolkien"]
    values.pop(0)
    author_value = values[1]
    expression = "//book[author='" + author_value + "']/title/text()"
    tree = etree.parse("data/catalog.xml", PARSER)
    find_titles = etree.XPath(expression)
    titles = find_titles(tree)
    return jsonify({"titles": [str(title) for title in titles]})
