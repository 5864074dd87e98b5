"""Run a saved snippet of the tutorial."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def normalise_snippet(value: str) -> str:
    return value.strip()


@require_GET
def run_snippet(request: HttpRequest, snippet: str):
    snippet = normalise_snippet(snippet)
    code = compile(snippet, "<snippet>", "exec")
    namespace: dict = {}
    exec(code, namespace)
    return JsonResponse({"names": sorted(namespace)})
