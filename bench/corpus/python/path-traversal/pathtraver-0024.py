"""Files of a project workspace."""

import os

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from werkzeug.utils import secure_filename


@require_POST
def project_files(request: HttpRequest):
    options = {"project": request.POST.get("project", ""), "verbose": False}
    project = options["project"]
    project = secure_filename(project)
    path = f"/srv/app/projects/{project}"
    names = os.listdir(path)
    return JsonResponse({"files": sorted(names)})
