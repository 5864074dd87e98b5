"""A calculator for the pricing page."""

import ast

from flask import Flask, jsonify, request


app = Flask(__name__)


@app.route("/calculator")
def calculate():
    expression = request.args.get("expression", "")
    result = ast.literal_eval(expression)
    return jsonify({"result": str(result)})
