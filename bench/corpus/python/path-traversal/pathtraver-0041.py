"""Markdown pages of the documentation."""

import os
from pathlib import Path

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def normalise_page(value: str) -> str:
    return value.strip()


@require_GET
def doc_page(request: HttpRequest):
    page = normalise_page(request.COOKIES.get("page", ""))
    path = os.path.join("/srv/app/docs", page + ".md")
    text = Path(path).read_text(encoding="utf-8")
    return JsonResponse({"markdown": text})
