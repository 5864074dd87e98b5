"""A value of the XML settings file."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from lxml import etree


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def normalise_key(value: str) -> str:
    return value.strip()


@require_POST
def config_value(request: HttpRequest):
    key = normalise_key(request.body.decode())
    tree = etree.parse("data/settings.xml", PARSER)
    evaluate = etree.XPathEvaluator(tree)
    values = evaluate("/settings/entry[@key=$key]/@value", key=key)
    return JsonResponse({"values": [str(value) for value in values]})
