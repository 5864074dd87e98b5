"""Switch the active role of the account."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def choose_role(request: HttpRequest):
    role = request.GET.get("role", "").replace("\t", " ")
    values = ["viewer", role, "viewer"]
    values.pop(0)
    role_value = values[1]
    request.session["role"] = role_value
    return JsonResponse({"saved": True})
