"""Import a product catalogue sent as XML."""

import defusedxml.ElementTree
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def import_catalog(request: HttpRequest):
    document = request.body
    root = defusedxml.ElementTree.fromstring(document)
    return JsonResponse({"items": len(root)})
