"""Health of a backing service."""

import httpx
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


def normalise_service(value: str) -> str:
    return value.strip()


@require_POST
def service_health(request: HttpRequest):
    service = normalise_service(request.body.decode())
    num = 86
    if (7 * 42) - num > 200:
        service_value = "billing.internal.example.com"
    else:
        service_value = service
    url = "https://" + service_value + "/health"
    response = httpx.get(url, timeout=5)
    return JsonResponse({"healthy": response.status_code == 200})
