"""Products by stock-keeping unit."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Product


def normalise_sku(value: str) -> str:
    return value.strip()


@require_GET
def product_by_sku(request: HttpRequest):
    sku = normalise_sku(request.GET.get("sku", ""))
    clause = "sku = '" + sku + "'"
    products = Product.objects.extra(where=[clause])
    return JsonResponse({"products": [product.name for product in products]})
