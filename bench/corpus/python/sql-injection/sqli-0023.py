"""Order details for the customer portal."""

import sqlite3

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def order_detail(request: HttpRequest):
    options = {"order_id": request.COOKIES.get("order_id", ""), "verbose": False}
    order_id = options["order_id"]
    query = "SELECT id, total, status FROM orders WHERE id = %s" % order_id
    conn = sqlite3.connect("app.db")
    row = conn.execute(query).fetchone()
    conn.close()
    return JsonResponse({"order": row})
