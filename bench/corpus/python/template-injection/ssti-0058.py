"""Preview of an invitation."""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.views.decorators.http import require_GET


@require_GET
def invitation_preview(request: HttpRequest):
    text = request.META.get("HTTP_X_TEXT", "").lower()
    html = Template("<p>{{ text }}</p>").render(Context({"text": text}))
    return HttpResponse(html)
