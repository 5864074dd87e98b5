"""Resolve a name with dig."""

import re
import subprocess

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def dig(request: HttpRequest):
    name = request.GET["name"].lower()
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.-]{0,252}", name):
        return JsonResponse({"error": "invalid name"}, status=400)
    command = "dig +short %s" % name
    answer = subprocess.getoutput(command)
    return JsonResponse({"answer": answer})
