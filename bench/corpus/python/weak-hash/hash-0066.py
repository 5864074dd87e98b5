"""ETag of an article body."""

import hashlib

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


def cache_key(body: str) -> str:
    return hashlib.sha1(body.encode(), usedforsecurity=False).hexdigest()


@require_POST
def article_etag(request: HttpRequest):
    values = [request.POST.get("body", "")]
    body = values[0]
    key = cache_key(body)
    return JsonResponse({"cache_key": key})
