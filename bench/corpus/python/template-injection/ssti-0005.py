"""Greeting cards."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from jinja2 import Environment


ENV = Environment(autoescape=True)


@require_GET
def render_card(request: HttpRequest):
    values = [request.GET.get("message", "")]
    message = values[0]
    source = "<div class='card'>{}</div>".format(message)
    html = ENV.from_string(source).render()
    return HttpResponse(html)
