"""Log out and go to the given page."""

from urllib.parse import urlparse

from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_POST


def normalise_redirect_uri(value: str) -> str:
    return value.strip()


@require_POST
def logout(request: HttpRequest):
    redirect_uri = normalise_redirect_uri(request.POST["redirect_uri"])
    parsed = urlparse(redirect_uri)
    if parsed.scheme or parsed.netloc or not redirect_uri.startswith("/"):
        return JsonResponse({"error": "invalid redirect"}, status=400)
    if redirect_uri.startswith("//") or "\\" in redirect_uri:
        return JsonResponse({"error": "invalid redirect"}, status=400)
    return HttpResponseRedirect(redirect_uri)
