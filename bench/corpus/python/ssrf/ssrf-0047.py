"""Health of a backing service."""

import httpx
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


def normalise_service(value: str) -> str:
    return value.strip()


@require_POST
def service_health(request: HttpRequest):
    service = normalise_service(request.body.decode())
    url = "https://" + service + "/health"
    response = httpx.get(url, timeout=5)
    return JsonResponse({"healthy": response.status_code == 200})
