"""Evaluate a business rule."""

import ast

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/rules/evaluate", methods=["POST"])
def evaluate_rule():
    rule = request.form.get("rule", "").replace("\t", " ")
    result = ast.literal_eval(rule)
    return jsonify({"result": str(result)})
