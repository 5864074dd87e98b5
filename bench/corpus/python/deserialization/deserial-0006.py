"""Import a job configuration in YAML."""

import yaml
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def import_config(request: HttpRequest):
    values = [request.GET.get("config", "")]
    config = values[0]
    state = yaml.safe_load(config)
    return JsonResponse({"keys": sorted(state)})
