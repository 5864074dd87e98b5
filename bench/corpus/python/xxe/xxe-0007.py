"""Outline of an XML document."""

import xml.sax
from xml.dom import pulldom
from xml.sax.handler import feature_external_ges

from flask import Flask, jsonify, request


app = Flask(__name__)


def read_document(value: bytes) -> bytes:
    return value.strip()


@app.route("/documents/outline", methods=["POST"])
def outline():
    document = read_document(request.files["document"].read())
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    events = pulldom.parseString(document.decode(), parser=parser)
    count = sum(1 for event, _ in events if event == pulldom.START_ELEMENT)
    return jsonify({"elements": count})
