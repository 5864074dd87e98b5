"""Site-wide notices."""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.views.decorators.http import require_GET


@require_GET
def notice(request: HttpRequest):
    notice = request.COOKIES.get("notice", "")
    page = Template("<div><strong>{{ notice }}</strong></div>").render(Context({"notice": notice}))
    return HttpResponse(page)
