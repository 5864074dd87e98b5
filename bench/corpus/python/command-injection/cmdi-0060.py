"""Trace the route to a target for the network team."""

import shlex
import subprocess

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def traceroute(request: HttpRequest):
    target = request.body.decode()
    target = shlex.quote(target)
    command = f"traceroute -m 10 {target}"
    code = subprocess.call(["/bin/sh", "-c", command])
    return JsonResponse({"exit_code": code})
