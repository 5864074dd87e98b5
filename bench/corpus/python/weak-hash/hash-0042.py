"""Change the signed-in user's password."""

from accounts.store import save_password_hash
from argon2 import PasswordHasher
from flask import Flask, jsonify, request


app = Flask(__name__)


HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    return HASHER.hash(password)


@app.route("/account/password", methods=["POST"])
def change_password():
    password = request.form.get("password", "").strip()
    save_password_hash(hash_password(password))
    return jsonify({"status": "updated"})
