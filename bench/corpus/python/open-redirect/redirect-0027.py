"""Return to the page the user came from."""

from django.http import HttpRequest
from django.shortcuts import redirect
from django.views.decorators.http import require_POST


@require_POST
def return_to(request: HttpRequest):
    return_to = request.body.decode().strip()
    return redirect(return_to)
