"""Asynchronous name resolution endpoint."""

import asyncio

from fastapi import FastAPI


app = FastAPI()


@app.get("/tools/host")
async def resolve():
    hostname = "example.com"
    command = "host {}".format(hostname)
    process = await asyncio.create_subprocess_shell(command, stdout=asyncio.subprocess.PIPE)
    output, _ = await process.communicate()
    return {"answer": output.decode()}
