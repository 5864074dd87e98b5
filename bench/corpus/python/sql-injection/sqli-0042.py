"""User directory search."""

import sqlite3

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


def normalise_name(value: str) -> str:
    return value.strip()


@require_POST
def search_users(request: HttpRequest):
    name = normalise_name(request.POST.get("name", ""))
    conn = sqlite3.connect("app.db")
    cursor = conn.cursor()
    cursor.execute("SELECT id, name, email FROM users WHERE name = ?", (name,))
    rows = cursor.fetchall()
    conn.close()
    return JsonResponse({"users": rows})
