"""Run a saved snippet of the tutorial."""

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/snippets/run")
def run_snippet():
    options = {"snippet": request.headers.get("X-Snippet", ""), "verbose": False}
    snippet = options["snippet"]
    code = compile(snippet, "<snippet>", "exec")
    namespace: dict = {}
    exec(code, namespace)
    return jsonify({"names": sorted(namespace)})
