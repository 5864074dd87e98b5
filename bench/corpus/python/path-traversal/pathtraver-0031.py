"""Start a draft from a template."""

import shutil

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def clone_template(request: HttpRequest):
    values = [request.POST["source"]]
    source = values[0]
    path = "/srv/app/templates/%s" % source
    shutil.copy(path, "/srv/app/drafts/new-draft.html")
    return JsonResponse({"copied": True})
