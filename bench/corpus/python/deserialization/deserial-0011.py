"""Import a cache snapshot."""

import marshal

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/cache/import", methods=["POST"])
def import_cache():
    blob = request.data.strip()
    state = marshal.loads(blob)
    return jsonify({"keys": sorted(state)})
