"""Whois records for the domains our customers register."""

import subprocess

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def normalise_domain(value: str) -> str:
    return value.strip()


@require_GET
def whois(request: HttpRequest):
    domain = normalise_domain(request.COOKIES.get("domain", ""))
    command = " ".join(["whois", domain])
    process = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE, text=True)
    output, _ = process.communicate()
    return JsonResponse({"whois": output})
