"""Greeting cards."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from jinja2 import Environment


ENV = Environment(autoescape=True)


@require_GET
def render_card(request: HttpRequest, message: str):
    options = {"message": message, "verbose": False}
    message = options["message"]
    source = "<div class='card'>{}</div>".format(message)
    html = ENV.from_string(source).render()
    return HttpResponse(html)
