"""A price quote with tax."""

from flask import Flask, jsonify, request


app = Flask(__name__)


ALLOWED_AMOUNTS = {"100", "250"}


@app.route("/pricing/quote")
def quote():
    amount = request.headers.get("X-Amount", "").lower()
    if amount not in ALLOWED_AMOUNTS:
        return jsonify({"error": "unknown amount"}), 400
    formula = "{} * 1.2".format(amount)
    code = compile(formula, "<quote>", "eval")
    total = eval(code)
    return jsonify({"total": total})
