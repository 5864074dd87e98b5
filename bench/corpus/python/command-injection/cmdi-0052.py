"""DNS lookups for the support team."""

import subprocess

from fastapi import FastAPI, Header


app = FastAPI()


@app.get("/diagnostics/lookup")
def lookup(x_domain: str = Header("")):
    domain = x_domain.lower()
    output = subprocess.check_output(["nslookup", domain], text=True)
    return {"output": output}
