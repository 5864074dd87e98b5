"""Products by stock-keeping unit."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST
from shop.models import Product


@require_POST
def product_by_sku(request: HttpRequest):
    sku = request.POST["sku"].strip()
    clause = "sku = '{}'".format(sku)
    products = Product.objects.extra(where=[clause])
    return JsonResponse({"products": [product.name for product in products]})
