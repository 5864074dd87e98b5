"""Run a saved snippet of the tutorial."""

from fastapi import FastAPI, Header


app = FastAPI()


@app.get("/snippets/run")
def run_snippet(x_snippet: str = Header("")):
    snippet = x_snippet
    values = ["answer = 42", snippet, "answer = 42"]
    values.pop(0)
    snippet_value = values[1]
    code = compile(snippet_value, "<snippet>", "exec")
    namespace: dict = {}
    exec(code, namespace)
    return {"names": sorted(namespace)}
