"""Create a photo album."""

import os

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from werkzeug.utils import secure_filename


@require_POST
def create_album(request: HttpRequest):
    album = request.body.decode()
    album = secure_filename(album)
    path = "/srv/app/albums/%s" % album
    os.makedirs(path, exist_ok=True)
    return JsonResponse({"created": True})
