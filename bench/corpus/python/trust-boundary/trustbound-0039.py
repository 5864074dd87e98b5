"""Single sign-on callback behind the proxy."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def sso_callback(request: HttpRequest):
    user = request.body.decode()
    request.session["user"] = user
    return JsonResponse({"signed_in": True})
