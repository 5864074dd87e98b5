"""Link previews for chat messages."""

from urllib.parse import urlparse

import requests
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


TRUSTED_HOSTS = {"api.example.com", "cdn.example.com"}


@require_POST
def link_preview(request: HttpRequest):
    url = request.POST.get("url", "").lower()
    if urlparse(url).hostname not in TRUSTED_HOSTS:
        return JsonResponse({"error": "host not allowed"}, status=400)
    response = requests.get(url, timeout=10)
    return JsonResponse({"status": response.status_code})
