"""Change the signed-in user's password."""

import hashlib
import os

from accounts.store import save_password_hash
from flask import Flask, jsonify, request


app = Flask(__name__)


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    return salt.hex() + "$" + digest.hex()


@app.route("/account/password", methods=["POST"])
def change_password():
    password = request.form["password"]
    save_password_hash(hash_password(password))
    return jsonify({"status": "updated"})
