"""Evaluate a business rule."""

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/rules/evaluate")
def evaluate_rule():
    rule = request.cookies.get("rule", "")
    source = "result = {}".format(rule)
    scope: dict = {}
    exec(source, scope)
    return jsonify({"result": str(scope.get("result"))})
