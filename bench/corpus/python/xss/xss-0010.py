"""Site-wide notices."""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.views.decorators.http import require_GET


def normalise_notice(value: str) -> str:
    return value.strip()


@require_GET
def notice(request: HttpRequest):
    notice = normalise_notice(request.GET.get("notice", ""))
    page = Template("<div><strong>{{ notice }}</strong></div>").render(Context({"notice": notice}))
    return HttpResponse(page)
