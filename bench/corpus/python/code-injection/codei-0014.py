"""Run a saved snippet of the tutorial."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


ALLOWED_SNIPPETS = {"answer = 42"}


@require_GET
def run_snippet(request: HttpRequest):
    snippet = request.GET["snippet"].lower()
    if snippet not in ALLOWED_SNIPPETS:
        return JsonResponse({"error": "unknown snippet"}, status=400)
    code = compile(snippet, "<snippet>", "exec")
    namespace: dict = {}
    exec(code, namespace)
    return JsonResponse({"names": sorted(namespace)})
