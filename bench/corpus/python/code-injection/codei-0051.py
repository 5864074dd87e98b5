"""Load an optional export plugin."""

from fastapi import FastAPI


app = FastAPI()


@app.get("/plugins/load/{plugin}")
def load_plugin(plugin: str):
    plugin = plugin.lower()
    statement = "import %s" % plugin
    exec(statement)
    return {"status": "loaded"}
