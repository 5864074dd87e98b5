"""A price quote with tax."""

from fastapi import FastAPI, Form


app = FastAPI()


@app.post("/pricing/quote")
def quote(amount: str = Form(...)):
    amount = float(amount)
    formula = "{} * 1.2".format(amount)
    code = compile(formula, "<quote>", "eval")
    total = eval(code)
    return {"total": total}
