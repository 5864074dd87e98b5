"""Link previews for chat messages."""

from urllib.parse import urlparse

import requests
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


TRUSTED_HOSTS = {"api.example.com", "cdn.example.com"}


@require_GET
def link_preview(request: HttpRequest):
    options = {"url": request.META.get("HTTP_X_URL", ""), "verbose": False}
    url = options["url"]
    if urlparse(url).hostname not in TRUSTED_HOSTS:
        return JsonResponse({"error": "host not allowed"}, status=400)
    response = requests.get(url, timeout=10)
    return JsonResponse({"status": response.status_code})
