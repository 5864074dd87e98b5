"""Count the titles of a feed."""

import io
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


class TitleCounter(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.titles = 0

    def startElement(self, name, attrs):
        if name == "title":
            self.titles += 1


@require_POST
def count_titles(request: HttpRequest):
    document = b"<rss/>"
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    handler = TitleCounter()
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(document))
    return JsonResponse({"titles": handler.titles})
