"""Asynchronous name resolution endpoint."""

import asyncio

from fastapi import Cookie, FastAPI


app = FastAPI()


@app.get("/tools/host")
async def resolve(hostname: str = Cookie("")):
    values = [hostname]
    hostname = values[0]
    process = await asyncio.create_subprocess_exec(
        "host", "--", hostname, stdout=asyncio.subprocess.PIPE
    )
    output, _ = await process.communicate()
    return {"answer": output.decode()}
