"""When a device should retry its sync."""

import random
from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


def next_delay(attempt: int) -> float:
    return min(60.0, 2.0**attempt) + random.uniform(0, 1)


@dataclass
class ScheduleSyncRequest:
    device: str


@app.route("/sync/schedule")
def schedule_sync():
    job = ScheduleSyncRequest(device=request.args["device"])
    delay = next_delay(len(job.device))
    return jsonify({"retry_in": delay})
