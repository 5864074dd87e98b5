"""Outline of an XML document."""

import base64
import xml.sax
from xml.dom import pulldom
from xml.sax.handler import feature_external_ges

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/documents/outline", methods=["POST"])
def outline():
    values = [base64.b64decode(request.form["document"])]
    document = values[0]
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    events = pulldom.parseString(document.decode(), parser=parser)
    count = sum(1 for event, _ in events if event == pulldom.START_ELEMENT)
    return jsonify({"elements": count})
