"""Book titles of an author in the catalogue."""

from dataclasses import dataclass

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass
class TitlesByAuthorRequest:
    author: str


@app.route("/books/titles")
def titles_by_author():
    job = TitlesByAuthorRequest(author=request.args["author"])
    num = 86
    if (7 * 42) - num > 200:
        author_value = "Tolkien"
    else:
        author_value = job.author
    expression = "//book[author='%s']/title/text()" % author_value
    tree = etree.parse("data/catalog.xml", PARSER)
    find_titles = etree.XPath(expression)
    titles = find_titles(tree)
    return jsonify({"titles": [str(title) for title in titles]})
