"""Import a cache snapshot."""

import marshal

from flask import Flask, jsonify, request


app = Flask(__name__)


def read_blob(value: bytes) -> bytes:
    return value.strip()


@app.route("/cache/import", methods=["POST"])
def import_cache():
    blob = read_blob(request.get_data())
    state = marshal.loads(blob)
    return jsonify({"keys": sorted(state)})
