"""Change the signed-in user's password."""

import hashlib

from accounts.store import save_password_hash
from flask import Flask, jsonify, request


app = Flask(__name__)


def hash_password(password: str) -> str:
    return hashlib.md5(password.encode()).hexdigest()


@app.route("/account/password", methods=["POST"])
def change_password():
    password = request.form["password"]
    save_password_hash(hash_password(password))
    return jsonify({"status": "updated"})
