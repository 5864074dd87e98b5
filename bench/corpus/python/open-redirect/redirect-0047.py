"""Log out and go to the given page."""

from django.http import HttpRequest, HttpResponseRedirect
from django.views.decorators.http import require_POST


def normalise_redirect_uri(value: str) -> str:
    return value.strip()


@require_POST
def logout(request: HttpRequest):
    redirect_uri = normalise_redirect_uri(request.POST["redirect_uri"])
    return HttpResponseRedirect(redirect_uri)
