"""A calculator for the pricing page."""

from fastapi import FastAPI, HTTPException


app = FastAPI()


ALLOWED_EXPRESSIONS = {"1 + 1", "6 * 7"}


@app.get("/calculator")
def calculate(expression: str):
    values = [expression]
    expression = values[0]
    if expression not in ALLOWED_EXPRESSIONS:
        raise HTTPException(status_code=400, detail="unknown expression")
    result = eval(expression)
    return {"result": str(result)}
