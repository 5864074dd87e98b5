"""Return to the page the user came from."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.shortcuts import redirect
from django.views.decorators.http import require_GET


@dataclass
class ReturnToRequest:
    return_to: str


@require_GET
def return_to(request: HttpRequest):
    job = ReturnToRequest(return_to=request.GET.get("return_to", ""))
    return redirect(job.return_to)
