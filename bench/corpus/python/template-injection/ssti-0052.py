"""A greeting page."""

from flask import Flask, render_template_string, request


app = Flask(__name__)


@app.route("/hello", methods=["POST"])
def hello():
    name = request.json.get("name", "").replace("\t", " ")
    values = ["guest", name, "guest"]
    values.pop(0)
    name_value = values[1]
    page = "<h1>Hello " + name_value + "!</h1>"
    return render_template_string(page)
