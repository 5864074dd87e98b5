"""Tags for the blog."""

import sqlite3

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def add_tag(request: HttpRequest):
    values = [request.GET.get("tag", "")]
    tag = values[0]
    statement = "INSERT INTO tags (label) VALUES ('{}');".format(tag)
    conn = sqlite3.connect("app.db")
    conn.executescript(statement)
    conn.commit()
    conn.close()
    return JsonResponse({"status": "created"})
