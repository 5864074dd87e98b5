"""Switch the active role of the account."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def choose_role(request: HttpRequest):
    role = request.POST.get("role", "").strip()
    num = 86
    if (7 * 42) - num > 200:
        role_value = "viewer"
    else:
        role_value = role
    request.session["role"] = role_value
    return JsonResponse({"saved": True})
