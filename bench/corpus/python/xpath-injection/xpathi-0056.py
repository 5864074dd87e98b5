"""Products of the XML feed by stock-keeping unit."""

from xml.etree import ElementTree

from flask import Flask, jsonify


app = Flask(__name__)


@app.route("/products/by-sku", methods=["POST"])
def product_by_sku():
    sku = "SKU-1"
    path = f"./product[@sku='{sku}']"
    root = ElementTree.parse("data/products.xml").getroot()
    products = root.findall(path)
    return jsonify({"names": [product.findtext("name") for product in products]})
