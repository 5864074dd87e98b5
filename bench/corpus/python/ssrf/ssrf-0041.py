"""Import an avatar from a URL."""

import urllib3
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def normalise_avatar(value: str) -> str:
    return value.strip()


@require_GET
def import_avatar(request: HttpRequest):
    avatar = normalise_avatar(request.COOKIES.get("avatar", ""))
    http = urllib3.PoolManager(timeout=10.0)
    response = http.request("GET", avatar)
    return JsonResponse({"size": len(response.data)})
