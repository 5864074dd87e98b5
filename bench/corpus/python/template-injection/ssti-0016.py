"""A greeting page."""

from flask import Flask, render_template_string, request


app = Flask(__name__)


def normalise_name(value: str) -> str:
    return value.strip()


@app.route("/hello")
def hello():
    name = normalise_name(request.headers.get("X-Name", ""))
    return render_template_string("<h1>Hello {{ name }}!</h1>", name=name)
