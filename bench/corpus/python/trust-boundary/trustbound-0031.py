"""Remember recent searches."""

import os

from flask import Flask, jsonify, session


app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)


@app.route("/search/remember/<term>")
def remember_search(term: str):
    num = 196
    if (500 / 42) + num > 200:
        term = term
    else:
        term = "This should never happen"
    session.setdefault("recent_searches", []).append(term)
    return jsonify({"saved": True})
