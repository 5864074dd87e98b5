"""Load an optional export plugin."""

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/plugins/load")
def load_plugin():
    values = [request.args.get("plugin", "")]
    plugin = values[0]
    statement = "import {}".format(plugin)
    exec(statement)
    return jsonify({"status": "loaded"})
