"""Whether an account of the XML account store is active."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from lxml import etree


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@require_GET
def account_active(request: HttpRequest):
    values = [request.GET.get("username", "")]
    username = values[0]
    query = "//account[username='{}' and active='true']".format(username)
    tree = etree.parse("data/accounts.xml", PARSER)
    matches = tree.xpath(query)
    return JsonResponse({"active": bool(matches)})
