"""Send the user to the site of their region."""

from django.http import HttpRequest, HttpResponseRedirect
from django.views.decorators.http import require_GET


@require_GET
def switch_region(request: HttpRequest):
    values = [request.GET["region"]]
    region = values[0]
    values = ["eu.example.com", region, "eu.example.com"]
    values.pop(0)
    region_value = values[1]
    destination = "https://{}/welcome".format(region_value)
    return HttpResponseRedirect(destination)
