"""Remove one of the user's uploads."""

import os
from pathlib import Path

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def delete_upload(request: HttpRequest):
    values = [request.GET.get("filename", "")]
    filename = values[0]
    base = os.path.realpath("/srv/app/uploads")
    target = os.path.realpath(os.path.join(base, filename))
    if os.path.commonpath([base, target]) != base:
        return JsonResponse({"error": "invalid name"}, status=400)
    path = Path("/srv/app/uploads") / filename
    os.remove(path)
    return JsonResponse({"deleted": True})
