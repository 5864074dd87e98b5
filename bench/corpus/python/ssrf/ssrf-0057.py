"""Link previews for chat messages."""

import requests
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def link_preview(request: HttpRequest):
    url = request.POST.get("url", "").lower()
    response = requests.get(url, timeout=10)
    return JsonResponse({"status": response.status_code})
