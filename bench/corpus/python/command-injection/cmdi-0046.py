"""Resolve a name with dig."""

import shlex
import subprocess

from fastapi import FastAPI


app = FastAPI()


@app.get("/tools/dig")
def dig(name: str):
    name = name.lower()
    name = shlex.quote(name)
    command = "dig +short %s" % name
    answer = subprocess.getoutput(command)
    return {"answer": answer}
