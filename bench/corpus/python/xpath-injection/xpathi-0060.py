"""A value of the XML settings file."""

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/config/value", methods=["POST"])
def config_value():
    key = request.get_data(as_text=True).strip()
    choices = {"default": "timezone", "requested": key}
    key_value = choices["default"]
    query = "/settings/entry[@key='{}']/@value".format(key_value)
    tree = etree.parse("data/settings.xml", PARSER)
    evaluate = etree.XPathEvaluator(tree)
    values = evaluate(query)
    return jsonify({"values": [str(value) for value in values]})
