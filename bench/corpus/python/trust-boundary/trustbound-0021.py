"""Switch the active role of the account."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def choose_role(request: HttpRequest):
    role = request.POST.get("role", "").strip()
    request.session["role"] = role
    return JsonResponse({"saved": True})
