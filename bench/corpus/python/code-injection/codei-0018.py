"""Evaluate a business rule."""

import ast

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/rules/evaluate")
def evaluate_rule():
    rule = request.cookies.get("rule", "")
    result = ast.literal_eval(rule)
    return jsonify({"result": str(result)})
