"""Products of a category."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET
from shop.models import Product


@require_GET
def products_in_category(request: HttpRequest):
    category = request.GET["category"]
    values = ["books", category, "books"]
    values.pop(0)
    category_value = values[1]
    query = f"SELECT * FROM shop_product WHERE category = '{category_value}'"
    products = Product.objects.raw(query)
    return JsonResponse({"products": [product.name for product in products]})
