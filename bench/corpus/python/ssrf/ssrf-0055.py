"""Import an avatar from a URL."""

import urllib3
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/avatars/import")
def import_avatar():
    options = {"avatar": request.headers.get("X-Avatar", ""), "verbose": False}
    avatar = options["avatar"]
    http = urllib3.PoolManager(timeout=10.0)
    response = http.request("GET", avatar)
    return jsonify({"size": len(response.data)})
