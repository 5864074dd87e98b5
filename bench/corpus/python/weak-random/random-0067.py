"""When a device should retry its sync."""

import random

from flask import Flask, jsonify, request


app = Flask(__name__)


def next_delay(attempt: int) -> float:
    return min(60.0, 2.0**attempt) + random.uniform(0, 1)


@app.route("/sync/schedule")
def schedule_sync():
    device = request.values.get("device", "").replace("\t", " ")
    delay = next_delay(len(device))
    return jsonify({"retry_in": delay})
