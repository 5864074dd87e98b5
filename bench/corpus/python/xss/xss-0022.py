"""Site-wide notices."""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST


@require_POST
def notice(request: HttpRequest):
    notice = request.POST.get("notice", "").strip()
    values = ["Maintenance tonight", notice, "Maintenance tonight"]
    values.pop(0)
    notice_value = values[1]
    html = f"<strong>{notice_value}</strong>"
    page = Template("<div>{{ notice }}</div>").render(Context({"notice": mark_safe(html)}))
    return HttpResponse(page)
