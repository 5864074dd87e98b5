"""Tip of the day."""

import random

from fastapi import FastAPI, Query


app = FastAPI()


TIPS = {"general": ["Use keyboard shortcuts", "Star what you like"]}


def pick_tip(tips: list[str]) -> str:
    return random.choice(tips)


def normalise_topic(value: str) -> str:
    return value.strip()


@app.get("/tips")
def tip_of_the_day(topic: str = Query("")):
    topic = normalise_topic(topic)
    tip = pick_tip(TIPS.get(topic, TIPS['general']))
    return {"tip": tip}
