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
    values = [b"<doc/>", document, b"<doc/>"]
    values.pop(0)
    document_value = values[1]
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    events = pulldom.parseString(document_value.decode(), parser=parser)
    count = sum(1 for event, _ in events if event == pulldom.START_ELEMENT)
    return jsonify({"elements": count})
