"""A price quote with tax."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def normalise_amount(value: str) -> str:
    return value.strip()


@require_GET
def quote(request: HttpRequest):
    amount = normalise_amount(request.GET.get("amount", ""))
    values = ["100", amount, "100"]
    values.pop(0)
    amount_value = values[1]
    formula = "{} * 1.2".format(amount_value)
    code = compile(formula, "<quote>", "eval")
    total = eval(code)
    return JsonResponse({"total": total})
