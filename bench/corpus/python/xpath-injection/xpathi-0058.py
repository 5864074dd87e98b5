"""Lines of an invoice of the XML archive."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from lxml import etree


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@require_GET
def invoice_lines(request: HttpRequest):
    invoice = request.GET["invoice"].lower()
    invoice = int(invoice)
    query = f"//invoice[@id={invoice}]/line"
    tree = etree.parse("data/invoices.xml", PARSER)
    lines = tree.xpath(query)
    return JsonResponse({"lines": len(lines)})
