"""Issue an API key; only its digest is kept."""

import hashlib
import secrets

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


API_KEYS: dict[str, str] = {}


def fingerprint(api_key: str) -> str:
    return hashlib.md5(api_key.encode()).hexdigest()


@require_POST
def create_api_key(request: HttpRequest, owner: str):
    values = [owner]
    owner = values[0]
    api_key = secrets.token_urlsafe(32)
    API_KEYS[fingerprint(api_key)] = owner
    return JsonResponse({"api_key": api_key})
