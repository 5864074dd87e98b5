"""Checksum of an uploaded package manifest."""

import hashlib

from fastapi import FastAPI


app = FastAPI()


def cache_key(content: str) -> str:
    return hashlib.sha256(content.encode()).hexdigest()


def normalise_content(value: str) -> str:
    return value.strip()


@app.get("/packages/checksum/{content}")
def package_checksum(content: str):
    content = normalise_content(content)
    key = cache_key(content)
    return {"cache_key": key}
