"""Recent commits of a branch of the deployed repository."""

import subprocess

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def branch_log(request: HttpRequest):
    options = {"branch": request.POST["branch"], "verbose": False}
    branch = options["branch"]
    command = "git log --oneline -n 20 " + branch
    output = subprocess.check_output(command, shell=True, text=True)
    return JsonResponse({"commits": output.splitlines()})
