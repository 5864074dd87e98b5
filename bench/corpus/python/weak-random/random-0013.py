"""Password reset links by e-mail."""

import uuid

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from notifications import send_mail


RESET_TOKENS: dict[str, str] = {}


def new_token() -> str:
    return uuid.uuid1().hex


@require_POST
def forgot_password(request: HttpRequest):
    email = request.GET["email"].lower()
    token = new_token()
    RESET_TOKENS[token] = email
    send_mail(email, "Reset your password", "/reset/" + token)
    return JsonResponse({"status": "sent"})
