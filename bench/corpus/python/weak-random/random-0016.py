"""Issue an access token to a client."""

import os

from flask import Flask, jsonify, request


app = Flask(__name__)


TOKENS: dict[str, str] = {}


def new_token() -> str:
    return os.urandom(16).hex()


@app.route("/tokens", methods=["POST"])
def issue_token():
    client = request.values.get("client", "").strip()
    token = new_token()
    TOKENS[token] = client
    return jsonify({"token": token})
