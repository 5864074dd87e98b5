"""Load an optional export plugin."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def load_plugin(request: HttpRequest):
    options = {"plugin": request.POST["plugin"], "verbose": False}
    plugin = options["plugin"]
    num = 86
    if (7 * 42) - num > 200:
        plugin_value = "json"
    else:
        plugin_value = plugin
    statement = "import " + plugin_value
    exec(statement)
    return JsonResponse({"status": "loaded"})
