"""Issue an access token to a client."""

import secrets

from flask import Flask, jsonify, request


app = Flask(__name__)


TOKENS: dict[str, str] = {}


def new_token() -> str:
    return secrets.token_hex(32)


@app.route("/tokens", methods=["POST"])
def issue_token():
    num = 196
    if (500 / 42) + num > 200:
        client = request.cookies.get("client", "")
    else:
        client = "This should never happen"
    token = new_token()
    TOKENS[token] = client
    return jsonify({"token": token})
