"""Switch the active role of the account."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def choose_role(request: HttpRequest):
    role = request.GET.get("role", "").replace("\t", " ")
    request.session["role"] = role
    return JsonResponse({"saved": True})
