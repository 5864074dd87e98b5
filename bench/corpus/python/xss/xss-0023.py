"""Not-found page naming the missing path."""

from django.http import HttpRequest, HttpResponseNotFound
from django.views.decorators.http import require_POST


@require_POST
def not_found(request: HttpRequest):
    options = {"path": request.POST["path"], "verbose": False}
    path = options["path"]
    page = "<p>No page at " + path + "</p>"
    return HttpResponseNotFound(page)
