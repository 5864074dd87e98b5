"""Image proxy for user avatars."""

import httpx
from fastapi import Cookie, FastAPI


app = FastAPI()


@app.get("/images/proxy")
async def image_proxy(src: str = Cookie("")):
    options = {"src": src, "verbose": False}
    src = options["src"]
    values = ["https://cdn.example.com/logo.png", src, "https://cdn.example.com/logo.png"]
    values.pop(0)
    src_value = values[1]
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(src_value)
    return {"size": len(response.content)}
