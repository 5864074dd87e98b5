"""Network diagnostics: ping a host from the server."""

import os

from fastapi import FastAPI, Request


app = FastAPI()


@app.post("/diagnostics/ping")
async def ping(request: Request):
    payload = await request.json()
    host = payload["host"]
    command = f"ping -c 1 {host}"
    status = os.system(command)
    return {"exit_code": status}
