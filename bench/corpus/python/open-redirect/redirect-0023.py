"""Log out and go to the given page."""

from django.http import HttpRequest, HttpResponseRedirect
from django.views.decorators.http import require_GET


@require_GET
def logout(request: HttpRequest):
    options = {"redirect_uri": request.META.get("HTTP_X_REDIRECT_URI", ""), "verbose": False}
    redirect_uri = options["redirect_uri"]
    return HttpResponseRedirect(redirect_uri)
