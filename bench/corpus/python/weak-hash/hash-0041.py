"""Change the signed-in user's password."""

from Crypto.Hash import MD5
from accounts.store import save_password_hash
from flask import Flask, jsonify, request


app = Flask(__name__)


def hash_password(password: str) -> str:
    return MD5.new(password.encode()).hexdigest()


@app.route("/account/password", methods=["POST"])
def change_password():
    password = request.form.get("password", "").strip()
    save_password_hash(hash_password(password))
    return jsonify({"status": "updated"})
