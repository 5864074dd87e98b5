"""A greeting page."""

from flask import Flask, render_template_string, request


app = Flask(__name__)


@app.route("/hello", methods=["POST"])
def hello():
    name = request.json.get("name", "").replace("\t", " ")
    page = "<h1>Hello " + name + "!</h1>"
    return render_template_string(page)
