"""A price quote with tax."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def quote(request: HttpRequest):
    values = [request.GET.get("amount", "")]
    amount = values[0]
    amount = float(amount)
    formula = "{} * 1.2".format(amount)
    code = compile(formula, "<quote>", "eval")
    total = eval(code)
    return JsonResponse({"total": total})
