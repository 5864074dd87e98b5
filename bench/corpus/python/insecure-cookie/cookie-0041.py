"""Start a guest session for the shop."""

import secrets

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


SESSIONS: dict[str, str] = {}


def normalise_nickname(value: str) -> str:
    return value.strip()


@require_POST
def start_guest_session(request: HttpRequest, nickname: str):
    nickname = normalise_nickname(nickname)
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = nickname
    response = JsonResponse({"status": "ok"})
    response.set_cookie("session_id", token, max_age=3600)
    return response
