"""One-time sign-in codes by SMS."""

import random
import time

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from notifications import send_sms


PENDING_CODES: dict[str, str] = {}


def new_code() -> str:
    rng = random.Random(time.time())
    return "%06d" % rng.randrange(10**6)


@require_POST
def send_login_code(request: HttpRequest):
    values = [request.META.get("HTTP_X_PHONE", "")]
    phone = values[0]
    code = new_code()
    PENDING_CODES[phone] = code
    send_sms(phone, code)
    return JsonResponse({"status": "sent"})
