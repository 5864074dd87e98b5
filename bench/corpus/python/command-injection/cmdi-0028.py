"""Trace the route to a target for the network team."""

import subprocess

from fastapi import FastAPI, Header


app = FastAPI()


@app.get("/tools/traceroute")
def traceroute(x_target: str = Header("")):
    target = x_target
    code = subprocess.call(["traceroute", "-m", "10", "--", target])
    return {"exit_code": code}
