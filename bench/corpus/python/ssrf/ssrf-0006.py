"""Health of a backing service."""

import httpx
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def service_health(request: HttpRequest):
    values = [request.GET.get("service", "")]
    service = values[0]
    values = ["billing.internal.example.com", service, "billing.internal.example.com"]
    values.pop(0)
    service_value = values[1]
    url = "https://{}/health".format(service_value)
    response = httpx.get(url, timeout=5)
    return JsonResponse({"healthy": response.status_code == 200})
