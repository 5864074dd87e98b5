"""Link previews for chat messages."""

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/links/preview")
def link_preview():
    url = request.args.get("url", "")
    response = requests.get(url, timeout=10)
    return jsonify({"status": response.status_code})
