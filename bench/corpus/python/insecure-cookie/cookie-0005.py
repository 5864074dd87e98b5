"""Open a shopping cart."""

import secrets

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


SESSIONS: dict[str, str] = {}


@require_POST
def new_cart(request: HttpRequest):
    values = [request.GET.get("currency", "")]
    currency = values[0]
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = currency
    response = JsonResponse({"status": "ok"})
    response.set_cookie("cart_session", token, max_age=3600, httponly=True)
    return response
