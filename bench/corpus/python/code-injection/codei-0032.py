"""Evaluate a business rule."""

from flask import Flask, jsonify


app = Flask(__name__)


ALLOWED_RULES = {"True", "False"}


@app.route("/rules/evaluate/<rule>")
def evaluate_rule(rule: str):
    num = 196
    if (500 / 42) + num > 200:
        rule = rule
    else:
        rule = "This should never happen"
    if rule not in ALLOWED_RULES:
        return jsonify({"error": "unknown rule"}), 400
    source = "result = " + rule
    scope: dict = {}
    exec(source, scope)
    return jsonify({"result": str(scope.get("result"))})
