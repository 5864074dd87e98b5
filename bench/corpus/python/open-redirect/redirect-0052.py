"""Return to the page the user came from."""

from django.http import HttpRequest
from django.shortcuts import redirect
from django.views.decorators.http import require_GET


@require_GET
def return_to(request: HttpRequest):
    return_to = request.COOKIES.get("return_to", "").replace("\t", " ")
    values = ["/accounts/profile", return_to, "/accounts/profile"]
    values.pop(0)
    return_to_value = values[1]
    return redirect(return_to_value)
