"""Log out and go to the given page."""

from urllib.parse import urlparse

from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def logout(request: HttpRequest):
    options = {"redirect_uri": request.META.get("HTTP_X_REDIRECT_URI", ""), "verbose": False}
    redirect_uri = options["redirect_uri"]
    parsed = urlparse(redirect_uri)
    if parsed.scheme or parsed.netloc or not redirect_uri.startswith("/"):
        return JsonResponse({"error": "invalid redirect"}, status=400)
    if redirect_uri.startswith("//") or "\\" in redirect_uri:
        return JsonResponse({"error": "invalid redirect"}, status=400)
    return HttpResponseRedirect(redirect_uri)
