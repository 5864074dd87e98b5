"""Link previews for chat messages."""

import requests
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def link_preview(request: HttpRequest):
    options = {"url": request.META.get("HTTP_X_URL", ""), "verbose": False}
    url = options["url"]
    response = requests.get(url, timeout=10)
    return JsonResponse({"status": response.status_code})
