"""Import a cache snapshot."""

import marshal
from dataclasses import dataclass

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@dataclass
class ImportCacheRequest:
    blob: bytes


@require_POST
def import_cache(request: HttpRequest):
    job = ImportCacheRequest(blob=request.body)
    state = marshal.loads(job.blob)
    return JsonResponse({"keys": sorted(state)})
