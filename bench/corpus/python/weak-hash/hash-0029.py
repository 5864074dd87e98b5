"""Change the signed-in user's password."""

import hashlib
from dataclasses import dataclass

from accounts.store import save_password_hash
from flask import Flask, jsonify, request


app = Flask(__name__)


def hash_password(password: str) -> str:
    return hashlib.sha1(password.encode()).hexdigest()


@dataclass
class ChangePasswordRequest:
    password: str


@app.route("/account/password", methods=["POST"])
def change_password():
    job = ChangePasswordRequest(password=request.get_json()["password"])
    save_password_hash(hash_password(job.password))
    return jsonify({"status": "updated"})
