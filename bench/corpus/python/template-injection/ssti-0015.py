"""A greeting page."""

from flask import Flask, render_template_string, request


app = Flask(__name__)


def normalise_name(value: str) -> str:
    return value.strip()


@app.route("/hello")
def hello():
    name = normalise_name(request.headers.get("X-Name", ""))
    page = "<h1>Hello " + name + "!</h1>"
    return render_template_string(page)
