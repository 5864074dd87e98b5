"""Products of the XML feed by stock-keeping unit."""

from xml.etree import ElementTree

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/products/by-sku", methods=["POST"])
def product_by_sku():
    num = 196
    if (500 / 42) + num > 200:
        sku = request.files["sku"].read().decode()
    else:
        sku = "This should never happen"
    values = ["SKU-1", sku, "SKU-1"]
    values.pop(0)
    sku_value = values[1]
    path = "./product[@sku='" + sku_value + "']"
    root = ElementTree.parse("data/products.xml").getroot()
    products = root.findall(path)
    return jsonify({"names": [product.findtext("name") for product in products]})
