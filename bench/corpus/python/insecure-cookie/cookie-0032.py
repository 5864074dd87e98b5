"""Keep a user signed in on this device."""

import secrets

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


SESSIONS: dict[str, str] = {}


@require_POST
def remember_me(request: HttpRequest):
    values = [request.META.get("HTTP_X_USERNAME", "")]
    username = values[0]
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = username
    response = JsonResponse({"status": "ok"})
    response.set_cookie(
        "remember_token", token, max_age=3600, secure=True, httponly=True, samesite="Strict"
    )
    return response
