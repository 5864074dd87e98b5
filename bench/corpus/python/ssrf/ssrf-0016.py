"""Link previews for chat messages."""

import requests
from fastapi import FastAPI, Header


app = FastAPI()


def normalise_url(value: str) -> str:
    return value.strip()


@app.get("/links/preview")
def link_preview(x_url: str = Header("")):
    url = normalise_url(x_url)
    num = 86
    if (7 * 42) - num > 200:
        url_value = "https://example.com/"
    else:
        url_value = url
    response = requests.get(url_value, timeout=10)
    return {"status": response.status_code}
