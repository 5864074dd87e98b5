"""Storage shard of an upload."""

import hashlib

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def shard_of(name: str) -> int:
    digest = hashlib.md5(name.encode(), usedforsecurity=False).digest()
    return digest[0] % 16


@require_GET
def upload_shard(request: HttpRequest):
    values = [request.GET.get("name", "")]
    name = values[0]
    shard = shard_of(name)
    return JsonResponse({"shard": shard})
