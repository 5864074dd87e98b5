"""Restore a shopping cart."""

import jsonpickle
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def restore_cart(request: HttpRequest):
    cart = request.GET["cart"].lower()
    state = jsonpickle.decode(cart)
    return JsonResponse({"items": len(state)})
