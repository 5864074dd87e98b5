"""E-mail signature editor."""

from flask import Flask
from jinja2 import Template


app = Flask(__name__)


COMPANY = "Example Ltd"


@app.route("/signature/<signature>")
def signature(signature: str):
    html = Template(signature, autoescape=True).render(company=COMPANY)
    return html
