"""Whether an account of the XML account store is active."""

import re

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from lxml import etree


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@require_GET
def account_active(request: HttpRequest):
    values = [request.GET.get("username", "")]
    username = values[0]
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", username):
        return JsonResponse({"error": "invalid username"}, status=400)
    query = "//account[username='{}' and active='true']".format(username)
    tree = etree.parse("data/accounts.xml", PARSER)
    matches = tree.xpath(query)
    return JsonResponse({"active": bool(matches)})
