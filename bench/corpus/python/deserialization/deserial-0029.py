"""Restore a shopping cart."""

from dataclasses import dataclass

import jsonpickle
from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class RestoreCartRequest:
    cart: str


@app.route("/cart/restore")
def restore_cart():
    job = RestoreCartRequest(cart=request.headers.get("X-Cart", ""))
    state = jsonpickle.decode(job.cart)
    return jsonify({"items": len(state)})
