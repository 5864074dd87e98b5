"""DNS lookups for the support team."""

import os

from fastapi import FastAPI, Header


app = FastAPI()


@app.get("/diagnostics/lookup")
def lookup(x_domain: str = Header("")):
    domain = x_domain.lower()
    command = "nslookup %s" % domain
    output = os.popen(command).read()
    return {"output": output}
