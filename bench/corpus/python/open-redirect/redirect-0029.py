"""Send the user to the site of their region."""

from django.http import HttpRequest, HttpResponseRedirect
from django.views.decorators.http import require_POST


@require_POST
def switch_region(request: HttpRequest):
    options = {"region": request.body.decode(), "verbose": False}
    region = options["region"]
    destination = "https://{}/welcome".format(region)
    return HttpResponseRedirect(destination)
