"""Image proxy for user avatars."""

import httpx
from fastapi import FastAPI


app = FastAPI()


@app.post("/images/proxy")
async def image_proxy():
    src = "https://cdn.example.com/logo.png"
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(src)
    return {"size": len(response.content)}
