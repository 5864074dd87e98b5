"""Health of a backing service."""

import httpx
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def service_health(request: HttpRequest):
    values = [request.GET.get("service", "")]
    service = values[0]
    url = "https://{}/health".format(service)
    response = httpx.get(url, timeout=5)
    return JsonResponse({"healthy": response.status_code == 200})
