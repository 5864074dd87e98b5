"""Count the records of a large XML export."""

import base64
import io

from flask import Flask, jsonify, request
from lxml import etree


app = Flask(__name__)


def read_document(value: bytes) -> bytes:
    return value.strip()


@app.route("/exports/count", methods=["POST"])
def count_records():
    document = read_document(base64.b64decode(request.form["export"]))
    count = 0
    for _, _element in etree.iterparse(
        io.BytesIO(document), load_dtd=True, resolve_entities=True, no_network=False
    ):
        count += 1
    return jsonify({"records": count})
