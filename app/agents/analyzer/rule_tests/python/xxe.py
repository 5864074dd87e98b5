import xml.sax
from xml.dom import pulldom

from defusedxml import ElementTree as SafeET
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/upload", methods=["POST"])
def upload():
    data = request.get_data()
    parser = etree.XMLParser(resolve_entities=True)
    # ruleid: python.xxe
    doc = etree.fromstring(data, parser)
    # ok: python.xxe
    safe = etree.fromstring(data, etree.XMLParser(resolve_entities=False))
    # ok: python.xxe
    defused = SafeET.fromstring(data)
    sax_parser = xml.sax.make_parser()
    sax_parser.setFeature(xml.sax.handler.feature_external_ges, True)
    # ruleid: python.xxe
    events = pulldom.parseString(data, parser=sax_parser)
    # ok: python.xxe
    plain = pulldom.parseString(data)
    return str((doc, safe, defused, events, plain))


def local_config():
    parser = etree.XMLParser(resolve_entities=True)
    # ok: python.xxe
    return etree.parse("config.xml", parser)
