"""A value of the XML settings file."""

from flask import Flask, jsonify
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@app.route("/config/value")
def config_value():
    key = "timezone"
    query = "/settings/entry[@key='%s']/@value" % key
    tree = etree.parse("data/settings.xml", PARSER)
    evaluate = etree.XPathEvaluator(tree)
    values = evaluate(query)
    return jsonify({"values": [str(value) for value in values]})
