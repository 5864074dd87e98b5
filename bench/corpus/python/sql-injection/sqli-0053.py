"""Find the account of an e-mail address."""

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def account_by_email(request: HttpRequest):
    email = request.COOKIES.get("email", "")
    query = f"SELECT username FROM auth_user WHERE email = '{email}'"
    with connection.cursor() as cursor:
        cursor.execute(query)
        rows = cursor.fetchall()
    return JsonResponse({"usernames": [row[0] for row in rows]})
