"""Count the titles of a feed."""

import io
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges

from flask import Flask, jsonify, request


app = Flask(__name__)


class TitleCounter(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.titles = 0

    def startElement(self, name, attrs):
        if name == "title":
            self.titles += 1


@app.route("/feeds/titles", methods=["POST"])
def count_titles():
    options = {"document": request.get_data(), "verbose": False}
    document = options["document"]
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    handler = TitleCounter()
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(document))
    return jsonify({"titles": handler.titles})
