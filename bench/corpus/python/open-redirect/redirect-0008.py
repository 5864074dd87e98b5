"""Outbound link tracking."""

from flask import Flask, Response, jsonify, request


app = Flask(__name__)


ALLOWED_URLS = {"/", "/help"}


@app.route("/out")
def outbound():
    url = request.args["url"].replace("\t", " ")
    if url not in ALLOWED_URLS:
        return jsonify({"error": "unknown url"}), 400
    return Response(status=302, headers={"Location": url})
