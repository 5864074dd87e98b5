"""A calculator for the pricing page."""

import ast

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def calculate(request: HttpRequest):
    expression = request.POST.get("expression", "").lower()
    result = ast.literal_eval(expression)
    return JsonResponse({"result": str(result)})
