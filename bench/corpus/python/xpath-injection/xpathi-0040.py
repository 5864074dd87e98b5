"""Book titles of an author in the catalogue."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from lxml import etree


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@require_GET
def titles_by_author(request: HttpRequest, author: str):
    tree = etree.parse("data/catalog.xml", PARSER)
    find_titles = etree.XPath("//book[author=$author]/title/text()")
    titles = find_titles(tree, author=author)
    return JsonResponse({"titles": [str(title) for title in titles]})
