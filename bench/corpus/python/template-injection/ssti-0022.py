"""Preview of an invitation."""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.views.decorators.http import require_POST


@require_POST
def invitation_preview(request: HttpRequest):
    text = request.POST["text"].strip()
    values = ["You are invited", text, "You are invited"]
    values.pop(0)
    text_value = values[1]
    source = f"<p>{text_value}</p>"
    html = Template(source).render(Context({"event": "Launch party"}))
    return HttpResponse(html)
