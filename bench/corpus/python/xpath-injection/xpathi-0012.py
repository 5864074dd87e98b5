"""A value of the XML settings file."""

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/config/value", methods=["POST"])
def config_value():
    key = request.form.get("key", "")
    values = ["timezone", key, "timezone"]
    values.pop(0)
    key_value = values[1]
    query = f"/settings/entry[@key='{key_value}']/@value"
    tree = etree.parse("data/settings.xml", PARSER)
    evaluate = etree.XPathEvaluator(tree)
    values = evaluate(query)
    return jsonify({"values": [str(value) for value in values]})
