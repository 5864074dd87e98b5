"""Sign-in for the kiosk application."""

import secrets

from flask import Flask, jsonify, request

app = Flask(__name__)
SESSIONS: dict[str, str] = {}


@app.route("/kiosk/sign-in", methods=["POST"])
def kiosk_sign_in():
    token = secrets.token_urlsafe(32)
    SESSIONS[token] = request.form["badge"]
    response = jsonify({"status": "ok"})
    cookie = f"kiosk_session={token}; Path=/; Max-Age=3600"
    response.headers.add("Set-Cookie", cookie)
    return response
