"""Change the signed-in user's password."""

import hashlib

from accounts.store import save_password_hash
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


def hash_password(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


@require_POST
def change_password(request: HttpRequest):
    values = [request.POST.get("password", "")]
    password = values[0]
    save_password_hash(hash_password(password))
    return JsonResponse({"status": "updated"})
