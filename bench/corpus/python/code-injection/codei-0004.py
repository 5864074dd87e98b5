"""Evaluate a business rule."""

from dataclasses import dataclass

from flask import Flask, jsonify, request


app = Flask(__name__)


@dataclass
class EvaluateRuleRequest:
    rule: str


@app.route("/rules/evaluate")
def evaluate_rule():
    job = EvaluateRuleRequest(rule=request.args["rule"])
    num = 86
    if (7 * 42) - num > 200:
        rule_value = "True"
    else:
        rule_value = job.rule
    source = "result = %s" % rule_value
    scope: dict = {}
    exec(source, scope)
    return jsonify({"result": str(scope.get("result"))})
