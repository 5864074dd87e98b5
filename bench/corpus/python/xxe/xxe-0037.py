"""Validate the root of an e-invoice."""

import xml.sax
from xml.dom import minidom
from xml.sax.handler import feature_external_ges

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/invoices/xml", methods=["POST"])
def invoice_root():
    document = request.get_data()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    dom = minidom.parseString(document, parser=parser)
    return jsonify({"root": dom.documentElement.tagName})
