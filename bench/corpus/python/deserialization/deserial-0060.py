"""Import a cache snapshot."""

import json
from dataclasses import dataclass

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@dataclass
class ImportCacheRequest:
    blob: bytes


@require_POST
def import_cache(request: HttpRequest):
    job = ImportCacheRequest(blob=request.body)
    state = json.loads(job.blob)
    return JsonResponse({"keys": sorted(state)})
