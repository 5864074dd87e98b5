"""Issue an access token to a client."""

import random

from flask import Flask, jsonify, request


app = Flask(__name__)


TOKENS: dict[str, str] = {}


def new_token() -> str:
    return "%032x" % random.getrandbits(128)


@app.route("/tokens", methods=["POST"])
def issue_token():
    client = request.form.get("client", "").strip()
    token = new_token()
    TOKENS[token] = client
    return jsonify({"token": token})
