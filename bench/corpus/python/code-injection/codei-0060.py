"""Evaluate a business rule."""

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/rules/evaluate", methods=["POST"])
def evaluate_rule():
    rule = request.json.get("rule", "").strip()
    values = ["True", rule, "True"]
    values.pop(0)
    rule_value = values[1]
    source = "result = %s" % rule_value
    scope: dict = {}
    exec(source, scope)
    return jsonify({"result": str(scope.get("result"))})
