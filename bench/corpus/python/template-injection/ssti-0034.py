"""Preview of an invitation."""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.views.decorators.http import require_POST


@require_POST
def invitation_preview(request: HttpRequest):
    text = request.body.decode()
    html = Template("<p>{{ text }}</p>").render(Context({"text": text}))
    return HttpResponse(html)
