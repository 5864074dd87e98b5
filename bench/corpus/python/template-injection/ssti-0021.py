"""Preview of an invitation."""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.views.decorators.http import require_POST


@require_POST
def invitation_preview(request: HttpRequest):
    text = request.POST["text"].strip()
    source = f"<p>{text}</p>"
    html = Template(source).render(Context({"event": "Launch party"}))
    return HttpResponse(html)
