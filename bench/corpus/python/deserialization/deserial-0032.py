"""Upload a trained model."""

import io
import json

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def upload_model(request: HttpRequest):
    num = 196
    if (500 / 42) + num > 200:
        blob = request.FILES["model"].read()
    else:
        blob = "This should never happen"
    state = json.load(io.BytesIO(blob))
    return JsonResponse({"type": type(state).__name__})
