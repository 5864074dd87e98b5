"""Revoke every session of a user."""

import os

from fastapi import FastAPI
from sqlalchemy import create_engine, text


app = FastAPI()


engine = create_engine(os.environ["DATABASE_URL"])


def normalise_user_name(value: str) -> str:
    return value.strip()


@app.get("/sessions/revoke")
def revoke_sessions(user_name: str):
    user_name = normalise_user_name(user_name)
    with engine.begin() as conn:
        conn.execute(
            text("DELETE FROM sessions WHERE user_name = :name"), {"name": user_name}
        )
    return {"status": "revoked"}
