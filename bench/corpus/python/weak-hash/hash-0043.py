"""Payment provider notifications."""

import hashlib
import hmac
import os

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


WEBHOOK_KEY = os.environ["WEBHOOK_KEY"].encode()


def sign(body: bytes) -> str:
    return hmac.new(WEBHOOK_KEY, body, hashlib.md5).hexdigest()


@require_POST
def payment_webhook(request: HttpRequest):
    options = {"signature": request.META.get("HTTP_X_SIGNATURE", ""), "verbose": False}
    signature = options["signature"]
    if not hmac.compare_digest(sign(request.body), signature):
        return JsonResponse({"error": "bad signature"}, status=401)
    return JsonResponse({"accepted": True})
