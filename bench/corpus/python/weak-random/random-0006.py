"""Issue an access token to a client."""

import secrets

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


TOKENS: dict[str, str] = {}


def new_token() -> str:
    return secrets.token_urlsafe(18)


@require_POST
def issue_token(request: HttpRequest):
    values = [request.GET.get("client", "")]
    client = values[0]
    token = new_token()
    TOKENS[token] = client
    return JsonResponse({"token": token})
