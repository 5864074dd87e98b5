"""Change the signed-in user's password."""

from accounts.store import save_password_hash
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from werkzeug.security import generate_password_hash


def hash_password(password: str) -> str:
    return generate_password_hash(password)


@require_POST
def change_password(request: HttpRequest):
    values = [request.POST["password"]]
    password = values[0]
    save_password_hash(hash_password(password))
    return JsonResponse({"status": "updated"})
