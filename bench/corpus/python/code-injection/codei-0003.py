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
    source = "result = %s" % job.rule
    scope: dict = {}
    exec(source, scope)
    return jsonify({"result": str(scope.get("result"))})
