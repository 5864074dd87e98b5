"""Not-found page naming the missing path."""

from django.http import HttpRequest, HttpResponseNotFound
from django.views.decorators.http import require_GET


def normalise_path(value: str) -> str:
    return value.strip()


@require_GET
def not_found(request: HttpRequest):
    path = normalise_path(request.GET.get("path", ""))
    page = "<p>No page at " + path + "</p>"
    return HttpResponseNotFound(page)
