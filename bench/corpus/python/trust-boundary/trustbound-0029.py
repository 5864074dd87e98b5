"""Change the name shown in the header."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def set_display_name(request: HttpRequest):
    options = {"display_name": request.COOKIES.get("display_name", ""), "verbose": False}
    display_name = options["display_name"]
    request.session.update({"display_name": display_name})
    return JsonResponse({"saved": True})
