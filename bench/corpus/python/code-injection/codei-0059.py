"""Evaluate a business rule."""

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/rules/evaluate", methods=["POST"])
def evaluate_rule():
    rule = request.json.get("rule", "").strip()
    source = "result = %s" % rule
    scope: dict = {}
    exec(source, scope)
    return jsonify({"result": str(scope.get("result"))})
