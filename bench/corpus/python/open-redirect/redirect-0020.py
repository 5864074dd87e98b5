"""Outbound link tracking."""

from urllib.parse import urlparse

from flask import Flask, Response, jsonify, request


app = Flask(__name__)


@app.route("/out")
def outbound():
    url = request.headers.get("X-Url", "").lower()
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc or not url.startswith("/"):
        return jsonify({"error": "invalid redirect"}), 400
    if url.startswith("//") or "\\" in url:
        return jsonify({"error": "invalid redirect"}), 400
    return Response(status=302, headers={"Location": url})
