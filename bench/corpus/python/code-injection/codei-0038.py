"""Load an optional export plugin."""

from flask import Flask, jsonify, request


app = Flask(__name__)


ALLOWED_PLUGINS = {"json", "csv"}


@app.route("/plugins/load")
def load_plugin():
    values = [request.args.get("plugin", "")]
    plugin = values[0]
    if plugin not in ALLOWED_PLUGINS:
        return jsonify({"error": "unknown plugin"}), 400
    statement = "import {}".format(plugin)
    exec(statement)
    return jsonify({"status": "loaded"})
