"""Change the signed-in user's password."""

import hashlib
import os
from dataclasses import dataclass

from accounts.store import save_password_hash
from flask import Flask, jsonify, request


app = Flask(__name__)


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return salt.hex() + "$" + digest.hex()


@dataclass
class ChangePasswordRequest:
    password: str


@app.route("/account/password", methods=["POST"])
def change_password():
    job = ChangePasswordRequest(password=request.form.get("password", ""))
    save_password_hash(hash_password(job.password))
    return jsonify({"status": "updated"})
