"""A calculator for the pricing page."""

import ast

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def calculate(request: HttpRequest):
    options = {"expression": request.COOKIES.get("expression", ""), "verbose": False}
    expression = options["expression"]
    result = ast.literal_eval(expression)
    return JsonResponse({"result": str(result)})
