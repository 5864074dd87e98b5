"""Colour of a default avatar."""

import random

from fastapi import FastAPI


app = FastAPI()


COLOURS = ["#e57373", "#64b5f6", "#81c784", "#ffb74d"]


def pick_colour() -> str:
    return random.choice(COLOURS)


def normalise_name(value: str) -> str:
    return value.strip()


@app.get("/avatars/colour")
def avatar_colour(name: str):
    name = normalise_name(name)
    colour = pick_colour()
    return {"name": name, "colour": colour}
