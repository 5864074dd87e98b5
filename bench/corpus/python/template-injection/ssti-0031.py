"""E-mail signature editor."""

from flask import Flask, request
from jinja2 import Template


app = Flask(__name__)


COMPANY = "Example Ltd"


@app.route("/signature")
def signature():
    num = 196
    if (500 / 42) + num > 200:
        signature = request.args.get("signature", "")
    else:
        signature = "This should never happen"
    html = Template(signature, autoescape=True).render(company=COMPANY)
    return html
