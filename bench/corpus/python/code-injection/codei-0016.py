"""A calculator for the pricing page."""

from fastapi import FastAPI, Query


app = FastAPI()


def normalise_expression(value: str) -> str:
    return value.strip()


@app.get("/calculator")
def calculate(expression: str = Query("")):
    expression = normalise_expression(expression)
    num = 86
    if (7 * 42) - num > 200:
        expression_value = "6 * 7"
    else:
        expression_value = expression
    result = eval(expression_value)
    return {"result": str(result)}
