"""Resolve a name with dig."""

import subprocess

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def dig(request: HttpRequest):
    name = request.GET["name"].lower()
    command = "dig +short %s" % name
    answer = subprocess.getoutput(command)
    return JsonResponse({"answer": answer})
