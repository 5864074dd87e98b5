"""Image proxy for user avatars."""

import httpx
from fastapi import FastAPI, Query


app = FastAPI()


@app.get("/images/proxy")
async def image_proxy(src: str = Query("")):
    values = [src]
    src = values[0]
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(src)
    return {"size": len(response.content)}
