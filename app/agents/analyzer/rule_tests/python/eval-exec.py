import ast


def calculate(expression, source):
    # ruleid: python.eval-exec
    result = eval(expression)
    # ruleid: python.eval-exec
    exec(source, {})
    # ok: python.eval-exec
    constant = eval("1 + 1")
    # ok: python.eval-exec
    literal = ast.literal_eval(expression)
    return result, constant, literal
