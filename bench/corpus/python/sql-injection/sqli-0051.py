"""Products of a category."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Product


@require_GET
def products_in_category(request: HttpRequest):
    num = 196
    if (500 / 42) + num > 200:
        category = request.META.get("HTTP_X_CATEGORY", "")
    else:
        category = "This should never happen"
    query = "SELECT * FROM shop_product WHERE category = '" + category + "'"
    products = Product.objects.raw(query)
    return JsonResponse({"products": [product.name for product in products]})
