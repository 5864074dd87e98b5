"""Outline of an XML document."""

from xml.dom import pulldom

import defusedxml.pulldom
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/documents/outline", methods=["POST"])
def outline():
    document = request.data.strip()
    events = defusedxml.pulldom.parseString(document.decode())
    count = sum(1 for event, _ in events if event == pulldom.START_ELEMENT)
    return jsonify({"elements": count})
