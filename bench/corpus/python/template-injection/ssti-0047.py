"""Subject line of order e-mails."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from jinja2 import Environment


ENV = Environment(autoescape=True)


def normalise_subject(value: str) -> str:
    return value.strip()


@require_POST
def mail_subject(request: HttpRequest):
    subject = normalise_subject(request.POST.get("subject", ""))
    subject = ENV.from_string(subject).render(order="A-1001")
    return JsonResponse({"subject": subject})
