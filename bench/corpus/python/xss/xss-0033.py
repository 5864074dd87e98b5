"""Site-wide notices."""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET


@require_GET
def notice(request: HttpRequest):
    notice = request.COOKIES.get("notice", "")
    html = f"<strong>{notice}</strong>"
    page = Template("<div>{{ notice }}</div>").render(Context({"notice": mark_safe(html)}))
    return HttpResponse(page)
