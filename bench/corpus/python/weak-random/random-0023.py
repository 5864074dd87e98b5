"""Password reset links by e-mail."""

import random
import string

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from notifications import send_mail


RESET_TOKENS: dict[str, str] = {}


def new_token() -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(32))


@require_POST
def forgot_password(request: HttpRequest):
    options = {"email": request.POST["email"], "verbose": False}
    email = options["email"]
    token = new_token()
    RESET_TOKENS[token] = email
    send_mail(email, "Reset your password", "/reset/" + token)
    return JsonResponse({"status": "sent"})
