import ast

from flask import Flask, request

app = Flask(__name__)


@app.route("/calc")
def calc():
    expression = request.args.get("expr", "")
    # ruleid: python.code-injection
    result = eval(expression)
    # ok: python.code-injection
    value = ast.literal_eval(expression)
    # ruleid: python.code-injection
    exec("x = " + request.form["value"])
    constant = "1 + 1"
    # ok: python.code-injection
    eval(constant)
    if 7 * 18 < 200:
        code = "0"
    else:
        code = expression
    # ok: python.code-injection
    eval(code)
    return str(result) + str(value)
