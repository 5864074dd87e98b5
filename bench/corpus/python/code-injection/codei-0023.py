"""Load an optional export plugin."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def load_plugin(request: HttpRequest):
    options = {"plugin": request.POST["plugin"], "verbose": False}
    plugin = options["plugin"]
    statement = "import " + plugin
    exec(statement)
    return JsonResponse({"status": "loaded"})
