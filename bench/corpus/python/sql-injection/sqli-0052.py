"""Products of a category."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Product


@require_GET
def products_in_category(request: HttpRequest):
    category = "books"
    query = "SELECT * FROM shop_product WHERE category = '" + category + "'"
    products = Product.objects.raw(query)
    return JsonResponse({"products": [product.name for product in products]})
