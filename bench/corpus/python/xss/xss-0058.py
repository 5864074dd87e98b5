"""Site-wide notices."""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.views.decorators.http import require_POST


@require_POST
def notice(request: HttpRequest):
    notice = request.POST.get("notice", "").lower()
    page = Template("<div><strong>{{ notice }}</strong></div>").render(Context({"notice": notice}))
    return HttpResponse(page)
