"""Link previews for chat messages."""

from urllib.parse import urlparse

import requests
from flask import Flask, jsonify, request


app = Flask(__name__)


TRUSTED_HOSTS = {"api.example.com", "cdn.example.com"}


@app.route("/links/preview")
def link_preview():
    url = request.args.get("url", "")
    if urlparse(url).hostname not in TRUSTED_HOSTS:
        return jsonify({"error": "host not allowed"}), 400
    response = requests.get(url, timeout=10)
    return jsonify({"status": response.status_code})
