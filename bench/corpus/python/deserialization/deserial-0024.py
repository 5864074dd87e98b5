"""Validate a deployment manifest."""

import yaml
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def validate_manifest(request: HttpRequest):
    options = {"manifest": request.POST["manifest"], "verbose": False}
    manifest = options["manifest"]
    state = yaml.safe_load(manifest)
    return JsonResponse({"keys": sorted(state)})
