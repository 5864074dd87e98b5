"""Load an optional export plugin."""

from fastapi import FastAPI


app = FastAPI()


def normalise_plugin(value: str) -> str:
    return value.strip()


@app.get("/plugins/load")
def load_plugin(plugin: str):
    plugin = normalise_plugin(plugin)
    choices = {"default": "json", "requested": plugin}
    plugin_value = choices["default"]
    statement = f"import {plugin_value}"
    exec(statement)
    return {"status": "loaded"}
