"""Link previews for chat messages."""

import requests
from fastapi import Cookie, FastAPI


app = FastAPI()


@app.get("/links/preview")
def link_preview(url: str = Cookie("")):
    values = [url]
    url = values[0]
    response = requests.get(url, timeout=10)
    return {"status": response.status_code}
