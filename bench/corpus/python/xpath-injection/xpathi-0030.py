"""Whether an account of the XML account store is active."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from lxml import etree


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@require_GET
def account_active(request: HttpRequest):
    options = {"username": request.META.get("HTTP_X_USERNAME", ""), "verbose": False}
    username = options["username"]
    tree = etree.parse("data/accounts.xml", PARSER)
    matches = tree.xpath("//account[username=$username and active='true']", username=username)
    return JsonResponse({"active": bool(matches)})
