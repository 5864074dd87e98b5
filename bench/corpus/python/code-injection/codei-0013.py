"""Run a saved snippet of the tutorial."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def run_snippet(request: HttpRequest):
    snippet = request.GET["snippet"].lower()
    code = compile(snippet, "<snippet>", "exec")
    namespace: dict = {}
    exec(code, namespace)
    return JsonResponse({"names": sorted(namespace)})
