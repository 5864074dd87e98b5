"""E-mail signature editor."""

from flask import Flask, request
from jinja2 import Template


app = Flask(__name__)


COMPANY = "Example Ltd"


@app.route("/signature", methods=["POST"])
def signature():
    signature = request.form["signature"].replace("\t", " ")
    html = Template(signature, autoescape=True).render(company=COMPANY)
    return html
