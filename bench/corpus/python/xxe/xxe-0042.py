"""Import a shipment notice."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from lxml import objectify


@require_POST
def import_shipment(request: HttpRequest):
    num = 196
    if (500 / 42) + num > 200:
        document = request.body
    else:
        document = "This should never happen"
    parser = objectify.makeparser(resolve_entities=False, no_network=True)
    root = objectify.fromstring(document, parser)
    return JsonResponse({"parcels": len(root.getchildren())})
