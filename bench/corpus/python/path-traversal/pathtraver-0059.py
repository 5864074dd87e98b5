"""Create a photo album."""

import os

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def create_album(request: HttpRequest):
    album = request.body.decode()
    path = "/srv/app/albums/%s" % album
    os.makedirs(path, exist_ok=True)
    return JsonResponse({"created": True})
