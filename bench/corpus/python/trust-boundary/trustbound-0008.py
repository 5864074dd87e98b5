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


@app.route("/search/remember", methods=["POST"])
def remember_search():
    term = "news"
    session.setdefault("recent_searches", []).append(term)
    return jsonify({"saved": True})
