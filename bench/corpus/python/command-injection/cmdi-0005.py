"""Archive a folder of the site into the nightly backup."""

import subprocess

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def archive_folder(request: HttpRequest):
    values = [request.GET.get("folder", "")]
    folder = values[0]
    command = "tar -czf /var/backups/site.tgz -C /srv/site {}".format(folder)
    subprocess.run(command, shell=True, check=True)
    return JsonResponse({"status": "archived"})
