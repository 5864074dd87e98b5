"""Load an optional export plugin."""

from fastapi import FastAPI


app = FastAPI()


@app.get("/plugins/load/{plugin}")
def load_plugin(plugin: str):
    plugin = plugin.lower()
    values = ["json", plugin, "json"]
    values.pop(0)
    plugin_value = values[1]
    statement = "import %s" % plugin_value
    exec(statement)
    return {"status": "loaded"}
