"""Asynchronous name resolution endpoint."""

import asyncio

from fastapi import FastAPI, Query


app = FastAPI()


@app.get("/tools/host")
async def resolve(hostname: str = Query("")):
    hostname = hostname.strip()
    choices = {"default": "example.com", "requested": hostname}
    hostname_value = choices["default"]
    command = "host {}".format(hostname_value)
    process = await asyncio.create_subprocess_shell(command, stdout=asyncio.subprocess.PIPE)
    output, _ = await process.communicate()
    return {"answer": output.decode()}
