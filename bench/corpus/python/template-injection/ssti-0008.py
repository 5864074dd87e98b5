"""E-mail signature editor."""

from flask import Flask, jsonify, request
from jinja2 import Template


app = Flask(__name__)


COMPANY = "Example Ltd"


ALLOWED_SIGNATURES = {"Best regards, {{ company }}"}


@app.route("/signature", methods=["POST"])
def signature():
    signature = request.form["signature"].replace("\t", " ")
    if signature not in ALLOWED_SIGNATURES:
        return jsonify({"error": "unknown signature"}), 400
    html = Template(signature, autoescape=True).render(company=COMPANY)
    return html
