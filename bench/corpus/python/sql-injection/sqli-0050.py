"""Revoke every session of a user."""

import os

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from sqlalchemy import create_engine, text


engine = create_engine(os.environ["DATABASE_URL"])


@require_POST
def revoke_sessions(request: HttpRequest):
    options = {"user_name": request.POST["user_name"], "verbose": False}
    user_name = options["user_name"]
    with engine.begin() as conn:
        conn.execute(
            text("DELETE FROM sessions WHERE user_name = :name"), {"name": user_name}
        )
    return JsonResponse({"status": "revoked"})
