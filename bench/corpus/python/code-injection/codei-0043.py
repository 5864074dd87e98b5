"""A calculator for the pricing page."""

from fastapi import FastAPI


app = FastAPI()


@app.get("/calculator")
def calculate(expression: str):
    values = [expression]
    expression = values[0]
    result = eval(expression)
    return {"result": str(result)}
