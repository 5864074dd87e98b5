"""Products of the XML feed by stock-keeping unit."""

from xml.etree import ElementTree

from fastapi import FastAPI


app = FastAPI()


@app.get("/products/by-sku")
def product_by_sku(sku: str):
    values = [sku]
    sku = values[0]
    path = "./product[@sku='{}']".format(sku)
    root = ElementTree.parse("data/products.xml").getroot()
    products = root.findall(path)
    return {"names": [product.findtext("name") for product in products]}
