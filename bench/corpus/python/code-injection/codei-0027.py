"""Run a saved snippet of the tutorial."""

from fastapi import FastAPI, Header


app = FastAPI()


@app.get("/snippets/run")
def run_snippet(x_snippet: str = Header("")):
    snippet = x_snippet
    code = compile(snippet, "<snippet>", "exec")
    namespace: dict = {}
    exec(code, namespace)
    return {"names": sorted(namespace)}
