"""Restore a shopping cart."""

import jsonpickle
from fastapi import FastAPI, Header


app = FastAPI()


@app.get("/cart/restore")
def restore_cart(x_cart: str = Header("")):
    cart = x_cart.lower()
    state = jsonpickle.decode(cart)
    return {"items": len(state)}
