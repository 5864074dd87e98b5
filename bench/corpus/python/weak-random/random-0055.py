"""Issue an access token to a client."""

import random
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


TOKENS: dict[str, str] = {}


def new_token() -> str:
    return random.randbytes(16).hex()


@dataclass
class IssueTokenRequest:
    client: str


@app.route("/tokens", methods=["POST"])
def issue_token():
    job = IssueTokenRequest(client=request.cookies.get("client", ""))
    token = new_token()
    TOKENS[token] = job.client
    return jsonify({"token": token})
