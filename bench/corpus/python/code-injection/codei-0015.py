"""A calculator for the pricing page."""

from fastapi import FastAPI, Query


app = FastAPI()


def normalise_expression(value: str) -> str:
    return value.strip()


@app.get("/calculator")
def calculate(expression: str = Query("")):
    expression = normalise_expression(expression)
    result = eval(expression)
    return {"result": str(result)}
