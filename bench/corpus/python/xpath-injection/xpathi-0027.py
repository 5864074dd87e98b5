"""Book titles of an author in the catalogue."""

from flask import Flask, jsonify
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/books/titles/<author>")
def titles_by_author(author: str):
    author = author.strip()
    expression = "//book[author='{}']/title/text()".format(author)
    tree = etree.parse("data/catalog.xml", PARSER)
    find_titles = etree.XPath(expression)
    titles = find_titles(tree)
    return jsonify({"titles": [str(title) for title in titles]})
