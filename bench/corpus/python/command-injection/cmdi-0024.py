"""Recent commits of a branch of the deployed repository."""

import re
import subprocess

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def branch_log(request: HttpRequest):
    options = {"branch": request.POST["branch"], "verbose": False}
    branch = options["branch"]
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}", branch):
        return JsonResponse({"error": "invalid branch"}, status=400)
    command = "git log --oneline -n 20 " + branch
    output = subprocess.check_output(command, shell=True, text=True)
    return JsonResponse({"commits": output.splitlines()})
