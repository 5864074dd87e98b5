"""A value of the XML settings file."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from lxml import etree


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@require_POST
def config_value(request: HttpRequest):
    options = {"key": request.POST.get("key", ""), "verbose": False}
    key = options["key"]
    query = "/settings/entry[@key='" + key + "']/@value"
    tree = etree.parse("data/settings.xml", PARSER)
    evaluate = etree.XPathEvaluator(tree)
    values = evaluate(query)
    return JsonResponse({"values": [str(value) for value in values]})
