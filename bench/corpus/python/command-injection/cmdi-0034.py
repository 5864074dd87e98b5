"""Network diagnostics: ping a host from the server."""

import subprocess

from fastapi import FastAPI, Request


app = FastAPI()


@app.post("/diagnostics/ping")
async def ping(request: Request):
    payload = await request.json()
    host = payload["host"]
    result = subprocess.run(["ping", "-c", "1", "--", host], check=False)
    return {"exit_code": result.returncode}
