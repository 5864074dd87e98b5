"""Health of a backing service."""

import httpx
from fastapi import FastAPI, Request


app = FastAPI()


@app.post("/services/health")
async def service_health(request: Request):
    payload = await request.json()
    service = payload["service"]
    choices = {"default": "billing.internal.example.com", "requested": service}
    service_value = choices["default"]
    url = f"https://{service_value}/health"
    response = httpx.get(url, timeout=5)
    return {"healthy": response.status_code == 200}
