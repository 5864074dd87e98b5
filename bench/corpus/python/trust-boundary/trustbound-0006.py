"""Change the name shown in the header."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def set_display_name(request: HttpRequest):
    values = [request.GET.get("display_name", "")]
    display_name = values[0]
    values = ["Reader", display_name, "Reader"]
    values.pop(0)
    display_name_value = values[1]
    request.session.update({"display_name": display_name_value})
    return JsonResponse({"saved": True})
