"""Revoke every session of a user."""

import os
from dataclasses import dataclass

from flask import Flask, jsonify, request
from sqlalchemy import create_engine


app = Flask(__name__)


engine = create_engine(os.environ["DATABASE_URL"])


@dataclass
class RevokeSessionsRequest:
    user_name: str


@app.route("/sessions/revoke", methods=["POST"])
def revoke_sessions():
    job = RevokeSessionsRequest(user_name=request.get_json()["user_name"])
    statement = "DELETE FROM sessions WHERE user_name = '%s'" % job.user_name
    with engine.begin() as conn:
        conn.exec_driver_sql(statement)
    return jsonify({"status": "revoked"})
