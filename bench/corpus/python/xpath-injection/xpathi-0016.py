"""Book titles of an author in the catalogue."""

from fastapi import FastAPI, Query
from lxml import etree


app = FastAPI()


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def normalise_author(value: str) -> str:
    return value.strip()


@app.get("/books/titles")
def titles_by_author(author: str = Query("")):
    author = normalise_author(author)
    tree = etree.parse("data/catalog.xml", PARSER)
    find_titles = etree.XPath("//book[author=$author]/title/text()")
    titles = find_titles(tree, author=author)
    return {"titles": [str(title) for title in titles]}
