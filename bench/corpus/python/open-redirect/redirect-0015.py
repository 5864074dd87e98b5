"""Return to the page the user came from."""

from django.http import HttpRequest
from django.shortcuts import redirect
from django.views.decorators.http import require_POST


def normalise_return_to(value: str) -> str:
    return value.strip()


@require_POST
def return_to(request: HttpRequest):
    return_to = normalise_return_to(request.POST["return_to"])
    return redirect(return_to)
