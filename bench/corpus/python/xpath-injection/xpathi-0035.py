"""A value of the XML settings file."""

from dataclasses import dataclass

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass
class ConfigValueRequest:
    key: str


@app.route("/config/value")
def config_value():
    job = ConfigValueRequest(key=request.args.get("key", ""))
    query = "/settings/entry[@key='%s']/@value" % job.key
    tree = etree.parse("data/settings.xml", PARSER)
    evaluate = etree.XPathEvaluator(tree)
    values = evaluate(query)
    return jsonify({"values": [str(value) for value in values]})
