"""Import a shipment notice."""

from dataclasses import dataclass

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from lxml import objectify


@dataclass
class ImportShipmentRequest:
    document: bytes


@require_POST
def import_shipment(request: HttpRequest):
    job = ImportShipmentRequest(document=request.FILES["shipment"].read())
    parser = objectify.makeparser(resolve_entities=True, no_network=False)
    root = objectify.fromstring(job.document, parser)
    return JsonResponse({"parcels": len(root.getchildren())})
