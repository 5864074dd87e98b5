"""Validate the root of an e-invoice."""

import defusedxml.minidom
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/invoices/xml", methods=["POST"])
def invoice_root():
    document = request.get_data()
    dom = defusedxml.minidom.parseString(document)
    return jsonify({"root": dom.documentElement.tagName})
