"""Return to the page the user came from."""

from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST


@require_POST
def return_to(request: HttpRequest):
    return_to = request.POST.get("return_to", "")
    if not url_has_allowed_host_and_scheme(return_to, allowed_hosts={request.get_host()}):
        return JsonResponse({"error": "invalid redirect"}, status=400)
    return redirect(return_to)
