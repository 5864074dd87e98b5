"""Change the signed-in user's password."""

import hashlib
import os

from accounts.store import save_password_hash
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    return salt.hex() + "$" + digest.hex()


@require_POST
def change_password(request: HttpRequest):
    password = request.POST["password"].lower()
    save_password_hash(hash_password(password))
    return JsonResponse({"status": "updated"})
