"""Whois records for the domains our customers register."""

import subprocess

from fastapi import FastAPI


app = FastAPI()


def normalise_domain(value: str) -> str:
    return value.strip()


@app.get("/tools/whois")
def whois(domain: str):
    domain = normalise_domain(domain)
    command = " ".join(["whois", domain])
    process = subprocess.Popen(command, shell=True, stdout=subprocess.PIPE, text=True)
    output, _ = process.communicate()
    return {"whois": output}
