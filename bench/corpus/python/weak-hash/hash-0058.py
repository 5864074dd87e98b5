"""Change the signed-in user's password."""

from accounts.store import save_password_hash
from flask import Flask, jsonify, request
from werkzeug.security import generate_password_hash


app = Flask(__name__)


def hash_password(password: str) -> str:
    return generate_password_hash(password)


@app.route("/account/password", methods=["POST"])
def change_password():
    values = [request.get_json()["password"]]
    password = values[0]
    save_password_hash(hash_password(password))
    return jsonify({"status": "updated"})
