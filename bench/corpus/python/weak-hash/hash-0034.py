"""Change the signed-in user's password."""

import bcrypt
from accounts.store import save_password_hash
from flask import Flask, jsonify, request


app = Flask(__name__)


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


@app.route("/account/password", methods=["POST"])
def change_password():
    password = request.json.get("password", "").replace("\t", " ")
    save_password_hash(hash_password(password))
    return jsonify({"status": "updated"})
