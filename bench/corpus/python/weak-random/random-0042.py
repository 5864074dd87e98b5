"""One-time sign-in codes by SMS."""

import secrets

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from notifications import send_sms


PENDING_CODES: dict[str, str] = {}


def new_code() -> str:
    return str(secrets.randbelow(900000) + 100000)


def normalise_phone(value: str) -> str:
    return value.strip()


@require_POST
def send_login_code(request: HttpRequest, phone: str):
    phone = normalise_phone(phone)
    code = new_code()
    PENDING_CODES[phone] = code
    send_sms(phone, code)
    return JsonResponse({"status": "sent"})
