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
    clause = "sku = '%s'" % job.sku
    products = Product.objects.extra(where=[clause])
    return JsonResponse({"products": [product.name for product in products]})
