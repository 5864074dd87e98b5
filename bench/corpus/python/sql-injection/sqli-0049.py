"""Revoke every session of a user."""

import os

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from sqlalchemy import create_engine


engine = create_engine(os.environ["DATABASE_URL"])


@require_POST
def revoke_sessions(request: HttpRequest):
    options = {"user_name": request.POST["user_name"], "verbose": False}
    user_name = options["user_name"]
    statement = "DELETE FROM sessions WHERE user_name = '" + user_name + "'"
    with engine.begin() as conn:
        conn.exec_driver_sql(statement)
    return JsonResponse({"status": "revoked"})
