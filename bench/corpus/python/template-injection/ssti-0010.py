"""Preview of an invitation."""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.views.decorators.http import require_GET


def normalise_text(value: str) -> str:
    return value.strip()


@require_GET
def invitation_preview(request: HttpRequest):
    text = normalise_text(request.GET["text"])
    html = Template("<p>{{ text }}</p>").render(Context({"text": text}))
    return HttpResponse(html)
