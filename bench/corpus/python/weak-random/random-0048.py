"""Issue an access token to a client."""

import secrets

from flask import Flask, jsonify, request


app = Flask(__name__)


TOKENS: dict[str, str] = {}


def new_token() -> str:
    return secrets.token_hex(16)


@app.route("/tokens", methods=["POST"])
def issue_token():
    client = request.form.get("client", "").strip()
    token = new_token()
    TOKENS[token] = client
    return jsonify({"token": token})
