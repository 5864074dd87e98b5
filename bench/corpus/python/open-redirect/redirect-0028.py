"""Return to the page the user came from."""

from django.http import HttpRequest, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST


ALLOWED_RETURN_TOS = {"/accounts/profile", "/accounts/orders"}


@require_POST
def return_to(request: HttpRequest):
    return_to = request.body.decode().strip()
    if return_to not in ALLOWED_RETURN_TOS:
        return JsonResponse({"error": "unknown return_to"}, status=400)
    return redirect(return_to)
