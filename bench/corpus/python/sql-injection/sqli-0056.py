"""Products by stock-keeping unit."""

from dataclasses import dataclass

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Product


@dataclass
class ProductBySkuRequest:
    sku: str


@require_GET
def product_by_sku(request: HttpRequest, sku: str):
    job = ProductBySkuRequest(sku=sku)
    choices = {"default": "SKU-1000", "requested": job.sku}
    sku_value = choices["default"]
    clause = "sku = '%s'" % sku_value
    products = Product.objects.extra(where=[clause])
    return JsonResponse({"products": [product.name for product in products]})
