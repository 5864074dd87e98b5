"""Count the records of a large XML export."""

import io

from flask import Flask, jsonify
from lxml import etree


app = Flask(__name__)


@app.route("/exports/count", methods=["POST"])
def count_records():
    document = b"<export/>"
    count = 0
    for _, _element in etree.iterparse(
        io.BytesIO(document), load_dtd=True, resolve_entities=True, no_network=False
    ):
        count += 1
    return jsonify({"records": count})
