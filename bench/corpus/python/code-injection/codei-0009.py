"""Load an optional export plugin."""

from fastapi import FastAPI


app = FastAPI()


def normalise_plugin(value: str) -> str:
    return value.strip()


@app.get("/plugins/load")
def load_plugin(plugin: str):
    plugin = normalise_plugin(plugin)
    statement = f"import {plugin}"
    exec(statement)
    return {"status": "loaded"}
