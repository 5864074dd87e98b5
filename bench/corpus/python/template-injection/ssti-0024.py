"""Subject line of order e-mails."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from jinja2 import Environment


ENV = Environment(autoescape=True)


@require_GET
def mail_subject(request: HttpRequest):
    options = {"subject": request.META.get("HTTP_X_SUBJECT", ""), "verbose": False}
    subject = options["subject"]
    subject = ENV.from_string("{{ prefix }} A-1001").render(prefix=subject)
    return JsonResponse({"subject": subject})
