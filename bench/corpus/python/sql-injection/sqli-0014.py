"""Find the account of an e-mail address."""

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def account_by_email(request: HttpRequest):
    email = request.POST.get("email", "").lower()
    with connection.cursor() as cursor:
        cursor.execute("SELECT username FROM auth_user WHERE email = %s", [email])
        rows = cursor.fetchall()
    return JsonResponse({"usernames": [row[0] for row in rows]})
