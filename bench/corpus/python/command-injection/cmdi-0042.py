"""Whois records for the domains our customers register."""

import re
import subprocess

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def normalise_domain(value: str) -> str:
    return value.strip()


@require_GET
def whois(request: HttpRequest):
    domain = normalise_domain(request.COOKIES.get("domain", ""))
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.-]{0,252}", domain):
        return JsonResponse({"error": "invalid domain"}, status=400)
    command = " ".join(["whois", domain])
    process = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE, text=True)
    output, _ = process.communicate()
    return JsonResponse({"whois": output})
