"""Return to the page the user came from."""

from urllib.parse import urlparse

from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST


def normalise_return_to(value: str) -> str:
    return value.strip()


@require_POST
def return_to(request: HttpRequest):
    return_to = normalise_return_to(request.POST["return_to"])
    parsed = urlparse(return_to)
    if parsed.scheme or parsed.netloc or not return_to.startswith("/"):
        return JsonResponse({"error": "invalid redirect"}, status=400)
    if return_to.startswith("//") or "\\" in return_to:
        return JsonResponse({"error": "invalid redirect"}, status=400)
    return redirect(return_to)
