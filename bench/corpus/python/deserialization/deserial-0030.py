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
    choices = {"default": "[]", "requested": job.cart}
    cart_value = choices["default"]
    state = jsonpickle.decode(cart_value)
    return jsonify({"items": len(state)})
