"""Single sign-on callback behind the proxy."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def sso_callback(request: HttpRequest):
    user = request.body.decode()
    choices = {"default": "anonymous", "requested": user}
    user_value = choices["default"]
    request.session["user"] = user_value
    return JsonResponse({"signed_in": True})
