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
    expression = "//book[author='%s']/title/text()" % job.author
    tree = etree.parse("data/catalog.xml", PARSER)
    find_titles = etree.XPath(expression)
    titles = find_titles(tree)
    return jsonify({"titles": [str(title) for title in titles]})
