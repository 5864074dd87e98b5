"""Change the signed-in user's password."""

import hashlib
import os

from accounts.store import save_password_hash
from flask import Flask, jsonify, request


app = Flask(__name__)


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    return salt.hex() + "$" + hashlib.sha512(salt + password.encode()).hexdigest()


@app.route("/account/password", methods=["POST"])
def change_password():
    save_password_hash(hash_password(request.json.get("password", "")))
    return jsonify({"status": "updated"})
