"""Count the titles of a feed."""

import io
import xml.sax
from dataclasses import dataclass
from xml.sax.handler import ContentHandler, feature_external_ges

from fastapi import FastAPI, UploadFile


app = FastAPI()


class TitleCounter(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.titles = 0

    def startElement(self, name, attrs):
        if name == "title":
            self.titles += 1


@dataclass
class CountTitlesRequest:
    document: bytes


@app.post("/feeds/titles")
async def count_titles(upload: UploadFile):
    job = CountTitlesRequest(document=await upload.read())
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, False)
    handler = TitleCounter()
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(job.document))
    return {"titles": handler.titles}
