"""A price quote with tax."""

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/pricing/quote")
def quote():
    amount = request.headers.get("X-Amount", "").lower()
    formula = "{} * 1.2".format(amount)
    code = compile(formula, "<quote>", "eval")
    total = eval(code)
    return jsonify({"total": total})
