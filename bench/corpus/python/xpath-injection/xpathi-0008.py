"""Products of the XML feed by stock-keeping unit."""

from xml.etree import ElementTree

from flask import Flask, jsonify, request


app = Flask(__name__)


ALLOWED_SKUS = {"SKU-1", "SKU-2"}


@app.route("/products/by-sku", methods=["POST"])
def product_by_sku():
    sku = request.form["sku"].replace("\t", " ")
    if sku not in ALLOWED_SKUS:
        return jsonify({"error": "unknown sku"}), 400
    path = "./product[@sku='" + sku + "']"
    root = ElementTree.parse("data/products.xml").getroot()
    products = root.findall(path)
    return jsonify({"names": [product.findtext("name") for product in products]})
